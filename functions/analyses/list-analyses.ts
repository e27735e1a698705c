import { listAnalysesForCaller } from '#shared/analysis/queries';
import { ANALYSES_ROUTES } from '#shared/api/routes/analyses';
import { projectHandler } from '#shared/http/project-handler';

export const handler = projectHandler(ANALYSES_ROUTES.ListAnalyses, async ({ project, query }) => ({
  body: await listAnalysesForCaller(project, query),
}));
