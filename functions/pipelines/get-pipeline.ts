import { GetPipeline } from '#shared/api/routes/pipelines';
import { projectHandler } from '#shared/http/project-handler';
import { getPipelineForCaller } from '#shared/pipelines/queries';

export const handler = projectHandler(GetPipeline, async ({ project, params }) => ({
  body: await getPipelineForCaller(project, params.pipelineId),
}));
