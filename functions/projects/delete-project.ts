import { DeleteProject } from '#shared/api/routes/projects';
import { projectHandler } from '#shared/http/project-handler';
import { deleteProject } from '#shared/projects/deletion';

export const handler = projectHandler(DeleteProject, async ({ project }) => {
  await deleteProject(project);
  return {};
});
