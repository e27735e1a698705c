import * as z from 'zod/mini';
import { LOCALES } from '#shared/i18n/locale';
import { zodMessage } from '#shared/i18n/zod';
import { Timestamp, text, UserId } from '#shared/schemas/common';
import * as s from '#shared/schemas/messages';

export const Email = z.pipe(
  z.email().check(z.maxLength(254)),
  z.transform((email: string) => email.toLowerCase()),
);

/** The language a user reads Trellis in: what emails and notifications to them are written in. */
export const Locale = z.enum(LOCALES).check(z.meta({ id: 'Locale', examples: ['zh-CN'] }));

export const RegisterBody = z.strictObject({
  email: Email,
  // The policy itself is checked by the domain so that the 400 names the broken rule.
  password: z.string().check(z.minLength(1), z.maxLength(256)),
  name: text(100),
  /** Defaults to the language of the registration request (Accept-Language). */
  locale: z.optional(Locale),
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

export const UpdateMeBody = z.strictObject({ name: z.optional(text(100)), locale: z.optional(Locale) }).check(
  z.refine((body) => body.name !== undefined || body.locale !== undefined, {
    ...zodMessage(s.profileChange),
    path: ['name'],
  }),
);
export type UpdateMeBody = z.infer<typeof UpdateMeBody>;

export const UserParams = z.strictObject({ userId: UserId });

/** A user as others see them; `email` only for the user themself and admins. */
export const User = z
  .object({
    id: UserId,
    name: z.string(),
    email: z.optional(z.string()),
    /** Only for the user themself and admins, like `email`. */
    locale: z.optional(Locale),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .check(z.meta({ id: 'User' }));
export type User = z.infer<typeof User>;
