import { PROJECTS_ROUTES } from '#shared/api/routes/projects';
import { httpHandler } from '#shared/http/handler';
import { updateProject } from '#shared/projects/commands';

export const handler = httpHandler(
  PROJECTS_ROUTES.UpdateProject,
  async ({ auth, params, body, headers, correlationId }) => {
    const project = await updateProject(params.projectId, body, headers['if-match'], { auth, correlationId });
    return { body: project, headers: { etag: `"${project.version}"` } };
  },
);
