import { PIPELINES_ROUTES } from '#shared/api/routes/pipelines';
import { httpHandler } from '#shared/http/handler';
import { createPipeline } from '#shared/pipelines/commands';

export const handler = httpHandler(PIPELINES_ROUTES.CreatePipeline, async ({ auth, params, body, correlationId }) => {
  const pipeline = await createPipeline(params.projectId, body, { auth, correlationId });
  return { body: pipeline, headers: { location: `/v1/projects/${params.projectId}/pipelines/${pipeline.id}` } };
});
