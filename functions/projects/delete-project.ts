import { PROJECTS_ROUTES } from '#shared/api/routes/projects';
import { projectHandler } from '#shared/http/project-handler';
import { deleteProject } from '#shared/projects/commands';

export const handler = projectHandler(PROJECTS_ROUTES.DeleteProject, async ({ project }) => {
  await deleteProject(project);
  return {};
});
