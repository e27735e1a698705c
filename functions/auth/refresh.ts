import { RefreshTokens } from '#shared/api/routes/auth';
import { httpHandler } from '#shared/http/handler';
import { refreshLogin } from '#shared/identity/cognito';

export const handler = httpHandler(RefreshTokens, async ({ body }) => ({
  body: await refreshLogin(body.refreshToken),
  headers: { 'cache-control': 'no-store' },
}));
