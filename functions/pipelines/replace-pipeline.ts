import { PIPELINES_ROUTES } from '#shared/api/routes/pipelines';
import { httpHandler } from '#shared/http/handler';
import { replacePipeline } from '#shared/pipelines/commands';

export const handler = httpHandler(PIPELINES_ROUTES.ReplacePipeline, async ({ auth, params, body, correlationId }) => ({
  body: await replacePipeline(params.projectId, params.pipelineId, body, { auth, correlationId }),
}));
