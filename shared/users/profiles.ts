import type { AuthContext } from '#shared/auth/context';
import { NotFoundError } from '#shared/http/errors';
import { DEFAULT_LOCALE } from '#shared/i18n/locale';
import type { UpdateMeBody, User } from '#shared/schemas/users';
import * as m from '#shared/users/messages';
import { getUser, type UserRecord, updateUserProfile } from '#shared/users/repository';

/** The caller's own profile. */
export async function getMe(auth: AuthContext): Promise<User> {
  const user = await getUser(auth.userId);
  if (!user) throw new NotFoundError('USER_NOT_FOUND', m.noProfile());
  return toUserView(user, auth);
}

/** Changes the caller's name and/or locale (the language of texts sent to them later). */
export async function updateMe(auth: AuthContext, changes: UpdateMeBody): Promise<User> {
  const user = await updateUserProfile(auth.userId, changes);
  if (!user) throw new NotFoundError('USER_NOT_FOUND', m.noProfile());
  return toUserView(user, auth);
}

/** Another user's public profile; the email only for themself and admins. */
export async function getUserProfile(userId: string, viewer: AuthContext): Promise<User> {
  const user = await getUser(userId);
  if (!user) throw new NotFoundError('USER_NOT_FOUND', m.userNotFound());
  return toUserView(user, viewer);
}

/** A profile as `viewer` may see it. */
export function toUserView(user: UserRecord, viewer: AuthContext): User {
  const showEmail = viewer.userId === user.userId || viewer.isAdmin;
  return {
    id: user.userId,
    name: user.name,
    ...(showEmail ? { email: user.email, locale: user.locale ?? DEFAULT_LOCALE } : {}),
    createdAt: user.createdAt,
    updatedAt: user.updatedAt,
  };
}
