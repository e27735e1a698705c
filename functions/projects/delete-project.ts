import { PROJECTS_ROUTES } from '#shared/api/routes/projects';
import { httpHandler } from '#shared/http/handler';
import { deleteProject } from '#shared/projects/commands';

export const handler = httpHandler(PROJECTS_ROUTES.DeleteProject, async ({ auth, params, correlationId }) => {
  await deleteProject(params.projectId, { auth, correlationId });
  return {};
});
