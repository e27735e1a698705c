import { listAnalysisFilesForCaller } from '#shared/analysis/result-queries';
import { ListAnalysisFiles } from '#shared/api/routes/analyses';
import { projectHandler } from '#shared/http/project-handler';

export const handler = projectHandler(ListAnalysisFiles, async ({ project, params, query }) => ({
  body: await listAnalysisFilesForCaller(project, params.analysisId, query),
}));
