import type { AuthContext } from '#shared/auth/context';
import { passwordPolicyViolations } from '#shared/auth/password-policy';
import { type EventOrigin, publishEvent } from '#shared/events/publisher';
import { ConflictError, NotFoundError, ValidationError } from '#shared/http/errors';
import { createIdentity } from '#shared/identity/cognito';
import type { RegisterBody, User } from '#shared/schemas/users';
import { getUser, putUser, renameUser, type UserRecord } from '#shared/users/repository';

/**
 * Registers a user: the password policy is checked first (400 naming each broken rule),
 * then Cognito creates the identity (409 if the email is taken), then the profile is stored.
 */
export async function register(input: RegisterBody, origin: Omit<EventOrigin, 'actorId'>): Promise<User> {
  const violations = passwordPolicyViolations(input.password);
  if (violations.length > 0) {
    throw new ValidationError(
      violations.map((message) => ({ path: 'body.password', message })),
      `The password does not meet the policy: ${violations.join('; ')}.`,
    );
  }
  const userId = await createIdentity(input.email, input.password, input.name);
  const now = new Date().toISOString();
  const user: UserRecord = { userId, email: input.email, name: input.name, createdAt: now, updatedAt: now };
  if (!(await putUser(user))) throw new ConflictError('EMAIL_TAKEN', 'An account with this email already exists.');
  await publishEvent('User Registered', null, { userId, name: user.name }, { ...origin, actorId: userId });
  return toUserView(user, { userId, isAdmin: false, groups: [] });
}

/** The caller's own profile. */
export async function getMe(auth: AuthContext): Promise<User> {
  const user = await getUser(auth.userId);
  if (!user) throw new NotFoundError('USER_NOT_FOUND', 'No profile exists for this account.');
  return toUserView(user, auth);
}

export async function updateMe(auth: AuthContext, name: string): Promise<User> {
  const user = await renameUser(auth.userId, name);
  if (!user) throw new NotFoundError('USER_NOT_FOUND', 'No profile exists for this account.');
  return toUserView(user, auth);
}

/** Another user's public profile; the email only for themself and admins. */
export async function getUserProfile(userId: string, viewer: AuthContext): Promise<User> {
  const user = await getUser(userId);
  if (!user) throw new NotFoundError('USER_NOT_FOUND', 'No such user.');
  return toUserView(user, viewer);
}

function toUserView(user: UserRecord, viewer: AuthContext): User {
  const showEmail = viewer.userId === user.userId || viewer.isAdmin;
  return {
    userId: user.userId,
    name: user.name,
    ...(showEmail ? { email: user.email } : {}),
    createdAt: user.createdAt,
    updatedAt: user.updatedAt,
  };
}
