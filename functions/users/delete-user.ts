import { USERS_ROUTES } from '#shared/api/routes/users';
import { httpHandler } from '#shared/http/handler';
import { deleteUserAccount } from '#shared/users/deletion';

export const handler = httpHandler(USERS_ROUTES.DeleteUser, async ({ auth, params, correlationId }) => {
  await deleteUserAccount(params.userId, { auth, correlationId });
  return {};
});
