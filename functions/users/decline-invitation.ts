import { DeclineInvitation } from '#shared/api/routes/users';
import { httpHandler } from '#shared/http/handler';
import { declineMyInvitation } from '#shared/projects/invitations';

export const handler = httpHandler(DeclineInvitation, async ({ auth, params, correlationId }) => {
  await declineMyInvitation(params.invitationId, { auth, correlationId });
  return {};
});
