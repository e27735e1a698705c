import { CreatePipeline } from '#shared/api/routes/pipelines';
import { projectHandler } from '#shared/http/project-handler';
import { createPipeline } from '#shared/pipelines/commands';

export const handler = projectHandler(CreatePipeline, async ({ project, params, body }) => {
  const pipeline = await createPipeline(project, body);
  return { body: pipeline, headers: { location: `/v1/projects/${params.projectId}/pipelines/${pipeline.id}` } };
});
