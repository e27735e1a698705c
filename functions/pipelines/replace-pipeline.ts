import { ReplacePipeline } from '#shared/api/routes/pipelines';
import { projectHandler } from '#shared/http/project-handler';
import { replacePipeline } from '#shared/pipelines/commands';

export const handler = projectHandler(ReplacePipeline, async ({ project, params, body }) => ({
  body: await replacePipeline(project, params.pipelineId, body),
}));
