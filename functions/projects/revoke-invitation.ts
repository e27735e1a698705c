import { PROJECTS_ROUTES } from '#shared/api/routes/projects';
import { httpHandler } from '#shared/http/handler';
import { revokeInvitation } from '#shared/projects/invitations';

export const handler = httpHandler(PROJECTS_ROUTES.RevokeInvitation, async ({ auth, params, correlationId }) => {
  await revokeInvitation(params.projectId, params.invitationId, { auth, correlationId });
  return {};
});
