import { CreateProject } from '#shared/api/routes/projects';
import { httpHandler } from '#shared/http/handler';
import { createProject } from '#shared/projects/commands';

export const handler = httpHandler(CreateProject, async ({ auth, body, correlationId }) => {
  const project = await createProject(body, { auth, correlationId });
  return { body: project, headers: { location: `/v1/projects/${project.id}`, etag: `"${project.version}"` } };
});
