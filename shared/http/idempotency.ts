// `Idempotency-Key` on POSTs that start work (design §3): the first request with a key is
// stored with a hash of its body; a later one with the same key replays the first answer,
// and one with another body is a 409. A key belongs to its caller and operation (and, through
// the repositories' partition, its project): two users of a project who happen to send the
// same key each get their own result, never the other's resource or a 409.
import { createHash } from 'node:crypto';
import { ConflictError, ValidationError } from '#shared/http/errors';
import type { HttpResult } from '#shared/http/handler';
import * as m from '#shared/http/messages';
import { localize } from '#shared/i18n/catalogue';

const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{1,128}$/;

/** A request's `Idempotency-Key` (scoped to caller and operation) and the hash of its body, as stored beside what it created. */
export interface IdempotentRequest {
  key: string;
  requestHash: string;
}

/** Whose key it is: the caller's user id and the operation (one per route) it was sent to. */
export interface IdempotencyScope {
  callerId: string;
  operation: string;
}

/** What a POST that starts work answers; `replayed` when an earlier request with the same key created it. */
export interface Accepted<Status extends string> {
  id: string;
  status: Status;
  replayed: boolean;
}

/** The `Idempotency-Key` header, if sent; a 400 when it is not 1-128 letters, digits or `. _ : -`. */
export function idempotencyKeyOf(headers: Readonly<Record<string, string | undefined>>): string | undefined {
  const key = headers['idempotency-key'];
  if (key !== undefined && !IDEMPOTENCY_KEY.test(key)) {
    throw new ValidationError([{ path: 'header.idempotency-key', message: localize(m.idempotencyKeyFormat()) }]);
  }
  return key;
}

/**
 * The key scoped to `<operation>#<callerId>#<key>`, with the hash of the request body;
 * undefined without a key. Keys stored before scoping (bare) expire with their 24 h TTL.
 */
export function idempotentRequest(
  key: string | undefined,
  input: unknown,
  scope: IdempotencyScope,
): IdempotentRequest | undefined {
  if (!key) return undefined;
  return {
    key: `${scope.operation}#${scope.callerId}#${key}`,
    requestHash: createHash('sha256').update(JSON.stringify(input)).digest('hex'),
  };
}

/**
 * The answer of the earlier request with the same key, from what `previous` says it created
 * (`current` reads that resource now): undefined when the key is new, 409
 * `IDEMPOTENCY_KEY_REUSED` when the earlier request had another body.
 */
export async function replayIdempotent<Previous extends { requestHash: string }, Status extends string>(
  request: IdempotentRequest,
  previous: Previous | undefined,
  current: (previous: Previous) => Promise<{ id: string; status: Status }>,
): Promise<Accepted<Status> | undefined> {
  if (!previous) return undefined;
  if (previous.requestHash !== request.requestHash) {
    throw new ConflictError('IDEMPOTENCY_KEY_REUSED', m.idempotencyKeyReused());
  }
  const resource = await current(previous);
  return { id: resource.id, status: resource.status, replayed: true };
}

/**
 * The 202 of accepted work: its id and status, its `location`, and `idempotent-replayed` on a replay.
 * It sets no status (`never`): the route's own success status, which must be the 202.
 */
export function acceptedResult(accepted: Accepted<string>, location: string): HttpResult<never> {
  return {
    body: { id: accepted.id, status: accepted.status },
    headers: { location, ...(accepted.replayed ? { 'idempotent-replayed': 'true' } : {}) },
  };
}
