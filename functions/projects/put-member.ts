import { PROJECTS_ROUTES } from '#shared/api/routes/projects';
import { httpHandler } from '#shared/http/handler';
import { changeMemberRole } from '#shared/projects/commands';

export const handler = httpHandler(PROJECTS_ROUTES.PutMember, async ({ auth, params, body, correlationId }) => ({
  body: await changeMemberRole(params.projectId, params.userId, body.role, { auth, correlationId }),
}));
