import { DeleteUser } from '#shared/api/routes/users';
import { httpHandler } from '#shared/http/handler';
import { deleteUserAccount } from '#shared/users/deletion';

export const handler = httpHandler(DeleteUser, async ({ auth, params, correlationId }) => {
  await deleteUserAccount(params.userId, { auth, correlationId });
  return {};
});
