import { UpdateProject } from '#shared/api/routes/projects';
import { projectHandler } from '#shared/http/project-handler';
import { updateProject } from '#shared/projects/commands';

export const handler = projectHandler(UpdateProject, async ({ project, body, headers }) => {
  const view = await updateProject(project, body, headers['if-match']);
  return { body: view, headers: { etag: `"${view.version}"` } };
});
