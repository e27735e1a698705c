import { Logout } from '#shared/api/routes/auth';
import { httpHandler } from '#shared/http/handler';
import { revokeRefreshToken } from '#shared/identity/cognito';

export const handler = httpHandler(Logout, async ({ body }) => {
  await revokeRefreshToken(body.refreshToken);
  return {};
});
