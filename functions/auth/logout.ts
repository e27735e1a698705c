import { AUTH_ROUTES } from '#shared/api/routes/auth';
import { httpHandler } from '#shared/http/handler';
import { revokeRefreshToken } from '#shared/identity/cognito';

export const handler = httpHandler(AUTH_ROUTES.Logout, async ({ body }) => {
  await revokeRefreshToken(body.refreshToken);
  return {};
});
