import { PROJECTS_ROUTES } from '#shared/api/routes/projects';
import { httpHandler } from '#shared/http/handler';
import { getProject } from '#shared/projects/queries';

export const handler = httpHandler(PROJECTS_ROUTES.GetProject, async ({ auth, params, correlationId }) => {
  const project = await getProject(params.projectId, { auth, correlationId });
  return { body: project, headers: { etag: `"${project.version}"` } };
});
