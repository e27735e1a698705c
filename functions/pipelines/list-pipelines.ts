import { PIPELINES_ROUTES } from '#shared/api/routes/pipelines';
import { httpHandler } from '#shared/http/handler';
import { listPipelinesForCaller } from '#shared/pipelines/queries';

export const handler = httpHandler(PIPELINES_ROUTES.ListPipelines, async ({ auth, params, query, correlationId }) => ({
  body: await listPipelinesForCaller(params.projectId, query, { auth, correlationId }),
}));
