import { getAnalysisFileForCaller } from '#shared/analysis/result-queries';
import { ANALYSES_ROUTES } from '#shared/api/routes/analyses';
import { projectHandler } from '#shared/http/project-handler';

export const handler = projectHandler(ANALYSES_ROUTES.GetAnalysisFile, async ({ project, params }) => ({
  body: await getAnalysisFileForCaller(project, params.analysisId, params.path),
}));
