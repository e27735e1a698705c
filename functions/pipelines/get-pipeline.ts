import { PIPELINES_ROUTES } from '#shared/api/routes/pipelines';
import { httpHandler } from '#shared/http/handler';
import { getPipelineForCaller } from '#shared/pipelines/queries';

export const handler = httpHandler(PIPELINES_ROUTES.GetPipeline, async ({ auth, params, correlationId }) => ({
  body: await getPipelineForCaller(params.projectId, params.pipelineId, { auth, correlationId }),
}));
