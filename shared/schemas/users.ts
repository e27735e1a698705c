import * as z from 'zod/mini';
import { Timestamp, text, UserId } from '#shared/schemas/common';

export const Email = z.pipe(
  z.email().check(z.maxLength(254)),
  z.transform((email: string) => email.toLowerCase()),
);

export const RegisterBody = z.strictObject({
  email: Email,
  // The policy itself is checked by the domain so that the 400 names the broken rule.
  password: z.string().check(z.minLength(1), z.maxLength(256)),
  name: text(100),
});
export type RegisterBody = z.infer<typeof RegisterBody>;

export const LoginBody = z.strictObject({
  email: Email,
  password: z.string().check(z.minLength(1), z.maxLength(256)),
});
export type LoginBody = z.infer<typeof LoginBody>;

export const RefreshBody = z.strictObject({ refreshToken: z.string().check(z.minLength(1), z.maxLength(8192)) });

export const Tokens = z
  .object({
    accessToken: z.string(),
    idToken: z.string(),
    refreshToken: z.optional(z.string()),
    expiresIn: z.int(),
    tokenType: z.literal('Bearer'),
  })
  .check(z.meta({ id: 'Tokens' }));

export const UpdateMeBody = z.strictObject({ name: text(100) });

export const UserParams = z.strictObject({ userId: UserId });

/** A user as others see them; `email` only for the user themself and admins. */
export const User = z
  .object({
    id: UserId,
    name: z.string(),
    email: z.optional(z.string()),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .check(z.meta({ id: 'User' }));
export type User = z.infer<typeof User>;
