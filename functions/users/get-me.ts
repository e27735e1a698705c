import { USERS_ROUTES } from '#shared/api/routes/users';
import { httpHandler } from '#shared/http/handler';
import { getMe } from '#shared/users/profiles';

export const handler = httpHandler(USERS_ROUTES.GetMe, async ({ auth }) => ({ body: await getMe(auth) }));
