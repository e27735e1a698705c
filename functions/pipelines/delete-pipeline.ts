import { PIPELINES_ROUTES } from '#shared/api/routes/pipelines';
import { httpHandler } from '#shared/http/handler';
import { deletePipeline } from '#shared/pipelines/deletion';

export const handler = httpHandler(PIPELINES_ROUTES.DeletePipeline, async ({ auth, params, correlationId }) => {
  await deletePipeline(params.projectId, params.pipelineId, { auth, correlationId });
  return {};
});
