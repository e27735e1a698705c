// zod/mini, not classic zod: it tree-shakes, which keeps every Lambda bundle ~60 KB smaller
// (see docs/benchmarks.md). Same validation engine and JSON Schema output.
import * as z from 'zod/mini';
import { zodMessage } from '#shared/i18n/zod';
import * as s from '#shared/schemas/messages';

/** RFC 9457 problem details, as every error response carries them. */
export const ProblemDetails = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.int(),
    detail: z.string(),
    instance: z.string(),
    code: z.string(),
    requestId: z.string(),
    errors: z.optional(z.array(z.object({ path: z.string(), message: z.string() }))),
  })
  .check(z.meta({ id: 'ProblemDetails' }));

/** Opaque pagination cursor as it travels in a query string (decoded and checked by the repository). */
export const Cursor = z
  .string()
  .check(z.minLength(1), z.maxLength(2048), z.regex(/^[A-Za-z0-9_-]+$/, zodMessage(s.invalidCursor)));

/** `?limit=&cursor=` for every list route. */
export const PageQuery = z.strictObject({
  limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(100)), 20),
  cursor: z.optional(Cursor),
});
export type PageQuery = z.infer<typeof PageQuery>;

/** `{ items, nextCursor }` for a list of `item`. */
export function pageOf<T extends z.ZodMiniType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.nullable(z.string()) });
}

/** Identifiers we mint (ULIDs, lower-case) and Cognito subjects (UUIDs). */
// Examples (here and on other patterned strings) feed the OpenAPI document's generated examples.
export const ResourceId = z
  .string()
  .check(z.regex(/^[0-9a-z]{26}$/, zodMessage(s.resourceId)), z.meta({ examples: ['01jq3v6m2x8k9c7w4e5r1t0y2u'] }));
export const UserId = z
  .string()
  .check(
    z.regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, zodMessage(s.userId)),
    z.meta({ examples: ['6f1c2a4e-8b3d-4f5a-9c7e-2d1b0a9f8e7c'] }),
  );

export const Timestamp = z.iso.datetime();

/**
 * A presigned link Trellis hands out to fetch or upload an object (S3 refuses it after
 * `expiresAt`). Name it `url` beside an `expiresAt`: `x-presigned` marks it in the OpenAPI
 * document, where test/unit/api-naming.test.ts holds every response to that rule.
 */
export const PresignedUrl = z.string().check(
  z.meta({
    'x-presigned': true,
    description: 'A presigned link; valid until `expiresAt`',
    examples: ['https://trellis-artifacts.s3.amazonaws.com/reports/run.html?X-Amz-Expires=900&X-Amz-Signature=5f1e'],
  }),
);

/** A trimmed, non-empty string of at most `max` characters. */
export function text(max: number) {
  return z.string().check(z.trim(), z.minLength(1), z.maxLength(max));
}
