import { getNewCodeForCaller } from '#shared/analysis/result-queries';
import { GetAnalysisNewCode } from '#shared/api/routes/analyses';
import { projectHandler } from '#shared/http/project-handler';

export const handler = projectHandler(GetAnalysisNewCode, async ({ project, params, query }) => ({
  body: await getNewCodeForCaller(project, params.analysisId, query),
}));
