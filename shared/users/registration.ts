import { ulid } from 'ulid';
import { type EventOrigin, publishEvent } from '#shared/events/publisher';
import { ConflictError, ValidationError } from '#shared/http/errors';
import { createIdentity, deleteIdentity } from '#shared/identity/cognito';
import { passwordPolicyViolations } from '#shared/identity/password-policy';
import type { RegisterBody, User } from '#shared/schemas/users';
import * as m from '#shared/users/messages';
import { toUserView } from '#shared/users/profiles';
import { putUser, releaseEmail, reserveEmail, type UserRecord } from '#shared/users/repository';

const emailTaken = () => new ConflictError('EMAIL_TAKEN', m.emailTaken());

/**
 * Registers a user: the password policy is checked first (400 naming each broken rule), then
 * the email is reserved for this attempt (409 if an account has it), then Cognito creates the
 * identity and the profile is stored. A Cognito user for an email no account holds is what a
 * failed earlier attempt left behind: it is replaced. When a step after Cognito fails, the
 * identity is deleted again, so a failure never leaves a login without a profile.
 */
export async function register(input: RegisterBody, origin: Omit<EventOrigin, 'actorId'>): Promise<User> {
  const violations = passwordPolicyViolations(input.password);
  if (violations.length > 0) {
    throw new ValidationError(
      violations.map((message) => ({ path: 'body.password', message })),
      m.passwordPolicy({ violations: violations.join('; ') }),
    );
  }
  const attemptId = ulid();
  if (!(await reserveEmail(input.email, attemptId))) throw emailTaken();
  let user: UserRecord;
  try {
    let userId = await createIdentity(input.email, input.password, input.name);
    if (userId === undefined) {
      await deleteIdentity(input.email);
      userId = await createIdentity(input.email, input.password, input.name);
      if (userId === undefined) throw emailTaken();
    }
    const now = new Date().toISOString();
    user = { userId, email: input.email, name: input.name, locale: input.locale, createdAt: now, updatedAt: now };
    if (!(await putUser(user, attemptId))) throw emailTaken();
  } catch (error) {
    // While this attempt holds the email, any Cognito user with it is this attempt's own.
    await deleteIdentity(input.email);
    await releaseEmail(input.email, attemptId);
    throw error;
  }
  await publishEvent(
    'User Registered',
    null,
    { userId: user.userId, name: user.name },
    { ...origin, actorId: user.userId },
  );
  return toUserView(user, { userId: user.userId, isAdmin: false, groups: [] });
}
