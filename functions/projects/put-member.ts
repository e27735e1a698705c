import { PROJECTS_ROUTES } from '#shared/api/routes/projects';
import { projectHandler } from '#shared/http/project-handler';
import { changeMemberRole } from '#shared/projects/commands';

export const handler = projectHandler(PROJECTS_ROUTES.PutMember, async ({ project, params, body }) => ({
  body: await changeMemberRole(project, params.userId, body.role),
}));
