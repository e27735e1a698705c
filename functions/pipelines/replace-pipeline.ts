import { PIPELINES_ROUTES } from '#shared/api/routes/pipelines';
import { projectHandler } from '#shared/http/project-handler';
import { replacePipeline } from '#shared/pipelines/commands';

export const handler = projectHandler(PIPELINES_ROUTES.ReplacePipeline, async ({ project, params, body }) => ({
  body: await replacePipeline(project, params.pipelineId, body),
}));
