import { DeletePipeline } from '#shared/api/routes/pipelines';
import { projectHandler } from '#shared/http/project-handler';
import { deletePipeline } from '#shared/pipelines/deletion';

export const handler = projectHandler(DeletePipeline, async ({ project, params }) => {
  await deletePipeline(project, params.pipelineId);
  return {};
});
