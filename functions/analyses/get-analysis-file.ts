import { getAnalysisFileForCaller } from '#shared/analysis/result-queries';
import { GetAnalysisFile } from '#shared/api/routes/analyses';
import { projectHandler } from '#shared/http/project-handler';

export const handler = projectHandler(GetAnalysisFile, async ({ project, params }) => ({
  body: await getAnalysisFileForCaller(project, params.analysisId, params.path),
}));
