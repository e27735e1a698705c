import { USERS_ROUTES } from '#shared/api/routes/users';
import { httpHandler } from '#shared/http/handler';
import { declineMyInvitation } from '#shared/projects/invitations';

export const handler = httpHandler(USERS_ROUTES.DeclineInvitation, async ({ auth, params, correlationId }) => {
  await declineMyInvitation(params.invitationId, { auth, correlationId });
  return {};
});
