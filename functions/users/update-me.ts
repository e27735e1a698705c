import { UpdateMe } from '#shared/api/routes/users';
import { httpHandler } from '#shared/http/handler';
import { updateMe } from '#shared/users/profiles';

export const handler = httpHandler(UpdateMe, async ({ auth, body }) => ({
  body: await updateMe(auth, body),
}));
