import { PROJECTS_ROUTES } from '#shared/api/routes/projects';
import { httpHandler } from '#shared/http/handler';
import { removeMember } from '#shared/projects/commands';

export const handler = httpHandler(PROJECTS_ROUTES.RemoveMember, async ({ auth, params, correlationId }) => {
  await removeMember(params.projectId, params.userId, { auth, correlationId });
  return {};
});
