// zod/mini, not classic zod: it tree-shakes, which keeps every Lambda bundle ~60 KB smaller
// (see docs/benchmarks.md). Same validation engine and JSON Schema output.
import * as z from 'zod/mini';
import { zodMessage } from '#shared/i18n/zod';
import * as s from '#shared/schemas/messages';

// Every module-scope schema is built in a `/* @__PURE__ */` call (each nested call too: esbuild
// drops a pure call only when its arguments are pure), so a Lambda bundle keeps only the schemas
// its route uses and init does not build the others (docs/benchmarks.md, cold start).

/** RFC 9457 problem details, as every error response carries them. */
export const ProblemDetails = /* @__PURE__ */ z
  .object({
    type: /* @__PURE__ */ z.string(),
    title: /* @__PURE__ */ z.string(),
    status: /* @__PURE__ */ z.int(),
    detail: /* @__PURE__ */ z.string(),
    instance: /* @__PURE__ */ z.string(),
    code: /* @__PURE__ */ z.string(),
    requestId: /* @__PURE__ */ z.string(),
    errors: /* @__PURE__ */ z.optional(
      /* @__PURE__ */ z.array(
        /* @__PURE__ */ z.object({ path: /* @__PURE__ */ z.string(), message: /* @__PURE__ */ z.string() }),
      ),
    ),
  })
  .check(/* @__PURE__ */ z.meta({ id: 'ProblemDetails' }));

/** Opaque pagination cursor as it travels in a query string (decoded and checked by the repository). */
export const Cursor = /* @__PURE__ */ z
  .string()
  .check(
    /* @__PURE__ */ z.minLength(1),
    /* @__PURE__ */ z.maxLength(2048),
    /* @__PURE__ */ z.regex(/^[A-Za-z0-9_-]+$/, /* @__PURE__ */ zodMessage(s.invalidCursor)),
  );

/** `?limit=&cursor=` for every list route. */
export const PageQuery = /* @__PURE__ */ z.strictObject({
  limit: /* @__PURE__ */ z._default(
    /* @__PURE__ */ z.coerce
      .number()
      .check(/* @__PURE__ */ z.int(), /* @__PURE__ */ z.minimum(1), /* @__PURE__ */ z.maximum(100)),
    20,
  ),
  cursor: /* @__PURE__ */ z.optional(Cursor),
});
export type PageQuery = z.infer<typeof PageQuery>;

/** `{ items, nextCursor }` for a list of `item`. */
export function pageOf<T extends z.ZodMiniType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.nullable(z.string()) });
}

/** Identifiers we mint (ULIDs, lower-case) and Cognito subjects (UUIDs). */
// Examples (here and on other patterned strings) feed the OpenAPI document's generated examples.
export const ResourceId = /* @__PURE__ */ z
  .string()
  .check(
    /* @__PURE__ */ z.regex(/^[0-9a-z]{26}$/, /* @__PURE__ */ zodMessage(s.resourceId)),
    /* @__PURE__ */ z.meta({ examples: ['01jq3v6m2x8k9c7w4e5r1t0y2u'] }),
  );
export const UserId = /* @__PURE__ */ z
  .string()
  .check(
    /* @__PURE__ */ z.regex(
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
      /* @__PURE__ */ zodMessage(s.userId),
    ),
    /* @__PURE__ */ z.meta({ examples: ['6f1c2a4e-8b3d-4f5a-9c7e-2d1b0a9f8e7c'] }),
  );

export const Timestamp = /* @__PURE__ */ z.iso.datetime();

/**
 * A presigned link Trellis hands out to fetch or upload an object (S3 refuses it after
 * `expiresAt`). Name it `url` beside an `expiresAt`: `x-presigned` marks it in the OpenAPI
 * document, where test/unit/api-naming.test.ts holds every response to that rule.
 */
export const PresignedUrl = /* @__PURE__ */ z.string().check(
  /* @__PURE__ */ z.meta({
    'x-presigned': true,
    description: 'A presigned link; valid until `expiresAt`',
    examples: ['https://trellis-artifacts.s3.amazonaws.com/reports/run.html?X-Amz-Expires=900&X-Amz-Signature=5f1e'],
  }),
);

/** A trimmed, non-empty string of at most `max` characters. */
export function text(max: number) {
  return z.string().check(z.trim(), z.minLength(1), z.maxLength(max));
}
