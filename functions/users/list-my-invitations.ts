import { ListMyInvitations } from '#shared/api/routes/users';
import { httpHandler } from '#shared/http/handler';
import { listMyInvitations } from '#shared/projects/invitation-queries';

export const handler = httpHandler(ListMyInvitations, async ({ auth, query }) => ({
  body: await listMyInvitations(query, auth),
}));
