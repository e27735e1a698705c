import { ListPipelines } from '#shared/api/routes/pipelines';
import { projectHandler } from '#shared/http/project-handler';
import { listPipelinesForCaller } from '#shared/pipelines/queries';

export const handler = projectHandler(ListPipelines, async ({ project, query }) => ({
  body: await listPipelinesForCaller(project, query),
}));
