import { getAnalysisForCaller } from '#shared/analysis/queries';
import { ANALYSES_ROUTES } from '#shared/api/routes/analyses';
import { projectHandler } from '#shared/http/project-handler';

export const handler = projectHandler(ANALYSES_ROUTES.GetAnalysis, async ({ project, params }) => ({
  body: await getAnalysisForCaller(project, params.analysisId),
}));
