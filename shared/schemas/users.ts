import * as z from 'zod/mini';
import { LOCALES } from '#shared/i18n/locale';
import { zodMessage } from '#shared/i18n/zod';
import { Timestamp, text, UserId } from '#shared/schemas/common';
import * as s from '#shared/schemas/messages';

// Every module-scope schema is built in a `/* @__PURE__ */` call (each nested call too: esbuild
// drops a pure call only when its arguments are pure), so a Lambda bundle keeps only the schemas
// its route uses and init does not build the others (docs/benchmarks.md, cold start).

export const Email = /* @__PURE__ */ z.pipe(
  /* @__PURE__ */ z.email().check(/* @__PURE__ */ z.maxLength(254)),
  /* @__PURE__ */ z.transform((email: string) => email.toLowerCase()),
);

/** The language a user reads Trellis in: what emails and notifications to them are written in. */
export const Locale = /* @__PURE__ */ z
  .enum(LOCALES)
  .check(/* @__PURE__ */ z.meta({ id: 'Locale', examples: ['zh-CN'] }));

export const RegisterBody = /* @__PURE__ */ z.strictObject({
  email: Email,
  // The policy itself is checked by the domain so that the 400 names the broken rule.
  password: /* @__PURE__ */ z.string().check(/* @__PURE__ */ z.minLength(1), /* @__PURE__ */ z.maxLength(256)),
  name: /* @__PURE__ */ text(100),
  /** Defaults to the language of the registration request (Accept-Language). */
  locale: /* @__PURE__ */ z.optional(Locale),
});
export type RegisterBody = z.infer<typeof RegisterBody>;

export const LoginBody = /* @__PURE__ */ z.strictObject({
  email: Email,
  password: /* @__PURE__ */ z.string().check(/* @__PURE__ */ z.minLength(1), /* @__PURE__ */ z.maxLength(256)),
});
export type LoginBody = z.infer<typeof LoginBody>;

export const RefreshBody = /* @__PURE__ */ z.strictObject({
  refreshToken: /* @__PURE__ */ z.string().check(/* @__PURE__ */ z.minLength(1), /* @__PURE__ */ z.maxLength(8192)),
});

export const Tokens = /* @__PURE__ */ z
  .object({
    accessToken: /* @__PURE__ */ z.string(),
    idToken: /* @__PURE__ */ z.string(),
    refreshToken: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.string()),
    expiresIn: /* @__PURE__ */ z.int(),
    tokenType: /* @__PURE__ */ z.literal('Bearer'),
  })
  .check(/* @__PURE__ */ z.meta({ id: 'Tokens' }));

export const UpdateMeBody = /* @__PURE__ */ z
  .strictObject({
    name: /* @__PURE__ */ z.optional(/* @__PURE__ */ text(100)),
    locale: /* @__PURE__ */ z.optional(Locale),
  })
  .check(
    /* @__PURE__ */ z.refine((body) => body.name !== undefined || body.locale !== undefined, {
      .../* @__PURE__ */ zodMessage(s.profileChange),
      path: ['name'],
    }),
  );
export type UpdateMeBody = z.infer<typeof UpdateMeBody>;

export const UserParams = /* @__PURE__ */ z.strictObject({ userId: UserId });

/** A user as others see them; `email` only for the user themself and admins. */
export const User = /* @__PURE__ */ z
  .object({
    id: UserId,
    name: /* @__PURE__ */ z.string(),
    email: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.string()),
    /** Only for the user themself and admins, like `email`. */
    locale: /* @__PURE__ */ z.optional(Locale),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .check(/* @__PURE__ */ z.meta({ id: 'User' }));
export type User = z.infer<typeof User>;
