import { GetProject } from '#shared/api/routes/projects';
import { projectHandler } from '#shared/http/project-handler';
import { getProject } from '#shared/projects/queries';

export const handler = projectHandler(GetProject, async ({ project }) => {
  const view = await getProject(project);
  return { body: view, headers: { etag: `"${view.version}"` } };
});
