import { AcceptInvitation } from '#shared/api/routes/users';
import { httpHandler } from '#shared/http/handler';
import { acceptMyInvitation } from '#shared/projects/invitations';

export const handler = httpHandler(AcceptInvitation, async ({ auth, params, correlationId }) => ({
  body: await acceptMyInvitation(params.invitationId, { auth, correlationId }),
}));
