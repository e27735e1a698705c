import { PIPELINES_ROUTES } from '#shared/api/routes/pipelines';
import { projectHandler } from '#shared/http/project-handler';
import { listPipelinesForCaller } from '#shared/pipelines/queries';

export const handler = projectHandler(PIPELINES_ROUTES.ListPipelines, async ({ project, query }) => ({
  body: await listPipelinesForCaller(project, query),
}));
