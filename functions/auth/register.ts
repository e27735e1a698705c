import { AUTH_ROUTES } from '#shared/api/routes/auth';
import { httpHandler } from '#shared/http/handler';
import { register } from '#shared/users/registration';

export const handler = httpHandler(AUTH_ROUTES.Register, async ({ body, correlationId }) => ({
  body: await register(body, { correlationId }),
}));
