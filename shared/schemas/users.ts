import { z } from 'zod';
import { Timestamp, UserId } from '#shared/schemas/common';

export const Email = z.email().max(254).transform((email) => email.toLowerCase());
const PersonName = z.string().trim().min(1).max(100);

export const RegisterBody = z.strictObject({
  email: Email,
  // The password policy itself is checked by the domain so the 400 names the broken rule.
  password: z.string().min(1).max(256),
  name: PersonName,
});

export const LoginBody = z.strictObject({
  email: Email,
  password: z.string().min(1).max(256),
});

export const RefreshBody = z.strictObject({
  refreshToken: z.string().min(1).max(8192),
});

export const Tokens = z
  .object({
    accessToken: z.string(),
    idToken: z.string(),
    refreshToken: z.string().optional(),
    expiresIn: z.number().int(),
    tokenType: z.literal('Bearer'),
  })
  .meta({ id: 'Tokens' });

export const UpdateMeBody = z.strictObject({ name: PersonName });

export const UserParams = z.strictObject({ userId: UserId });

/** A user as others see them; `email` only for the user themself and admins. */
export const User = z
  .object({
    userId: UserId,
    name: z.string(),
    email: z.string().optional(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .meta({ id: 'User' });
