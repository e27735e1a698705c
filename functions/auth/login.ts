import { Login } from '#shared/api/routes/auth';
import { httpHandler } from '#shared/http/handler';
import { passwordLogin } from '#shared/identity/cognito';

export const handler = httpHandler(Login, async ({ body }) => ({
  body: await passwordLogin(body.email, body.password),
  headers: { 'cache-control': 'no-store' },
}));
