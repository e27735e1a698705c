import { passwordPolicyViolations } from '#shared/auth/password-policy';
import { type EventOrigin, publishEvent } from '#shared/events/publisher';
import { ConflictError, ValidationError } from '#shared/http/errors';
import { createIdentity } from '#shared/identity/cognito';
import type { RegisterBody, User } from '#shared/schemas/users';
import { toUserView } from '#shared/users/profiles';
import { putUser, type UserRecord } from '#shared/users/repository';

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
