import * as m from '#shared/data/messages';
import { BadRequestError } from '#shared/http/errors';

type Key = Record<string, string | number>;

/**
 * Pagination cursors are DynamoDB's LastEvaluatedKey, base64url-encoded. They are opaque to
 * clients and validated on the way back in: only the expected key attributes, only string
 * or number values, and bound to the partition they were issued for, so a cursor cannot be
 * used to read another caller's list.
 */
export function encodeCursor(lastEvaluatedKey: Record<string, unknown> | undefined): string | null {
  if (!lastEvaluatedKey) return null;
  return Buffer.from(JSON.stringify(lastEvaluatedKey)).toString('base64url');
}

/** Decodes a cursor issued by `encodeCursor` for the same partition, or throws a 400. */
export function decodeCursor(
  cursor: string | undefined,
  expected: { attributes: readonly string[]; partition: Record<string, string> },
): Key | undefined {
  if (cursor === undefined) return undefined;
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursorError();
  }
  if (typeof key !== 'object' || key === null || Array.isArray(key)) throw invalidCursorError();
  const entries = Object.entries(key);
  const allowed = new Set(expected.attributes);
  if (entries.length !== allowed.size) throw invalidCursorError();
  for (const [name, value] of entries) {
    if (!allowed.has(name) || (typeof value !== 'string' && typeof value !== 'number')) throw invalidCursorError();
  }
  for (const [name, value] of Object.entries(expected.partition)) {
    if ((key as Key)[name] !== value) throw invalidCursorError();
  }
  return key as Key;
}

/** The 400 for a cursor that was not issued for this list (also used by search pages). */
export function invalidCursorError(): BadRequestError {
  const error = new BadRequestError('INVALID_CURSOR', m.invalidCursor());
  error.extras.errors = [{ path: 'query.cursor', message: m.invalidCursorField() }];
  return error;
}
