import { z } from 'zod';

/** RFC 9457 problem details, as every error response carries them. */
export const ProblemDetails = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    instance: z.string(),
    code: z.string(),
    requestId: z.string(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .meta({ id: 'ProblemDetails' });

/** Opaque pagination cursor as it travels in a query string (validated again when decoded). */
export const Cursor = z.string().min(1).max(2048).regex(/^[A-Za-z0-9_-]+$/, 'cursor is not a valid cursor');

/** `?limit=&cursor=` for every list route. */
export const PageQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: Cursor.optional(),
});

/** `{ items, nextCursor }` for a list of `item`. */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

/** Identifiers we mint (ULIDs, lower-case) and Cognito subjects (UUIDs). */
export const ResourceId = z.string().regex(/^[0-9a-z]{26}$/, 'must be a resource id');
export const UserId = z
  .string()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'must be a user id');

export const Timestamp = z.iso.datetime();
