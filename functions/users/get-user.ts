import { GetUser } from '#shared/api/routes/users';
import { httpHandler } from '#shared/http/handler';
import { getUserProfile } from '#shared/users/profiles';

export const handler = httpHandler(GetUser, async ({ auth, params }) => ({
  body: await getUserProfile(params.userId, auth),
}));
