import { GetMe } from '#shared/api/routes/users';
import { httpHandler } from '#shared/http/handler';
import { getMe } from '#shared/users/profiles';

export const handler = httpHandler(GetMe, async ({ auth }) => ({ body: await getMe(auth) }));
