import { USERS_ROUTES } from '#shared/api/routes/users';
import { httpHandler } from '#shared/http/handler';
import { acceptMyInvitation } from '#shared/projects/invitations';

export const handler = httpHandler(USERS_ROUTES.AcceptInvitation, async ({ auth, params, correlationId }) => ({
  body: await acceptMyInvitation(params.invitationId, { auth, correlationId }),
}));
