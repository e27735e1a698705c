import { listAnalysesForCaller } from '#shared/analysis/queries';
import { ListAnalyses } from '#shared/api/routes/analyses';
import { projectHandler } from '#shared/http/project-handler';

export const handler = projectHandler(ListAnalyses, async ({ project, query }) => ({
  body: await listAnalysesForCaller(project, query),
}));
