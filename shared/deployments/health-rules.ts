import { JSONPath } from 'jsonpath-plus';
import type { HealthCheck } from '#shared/schemas/environments';

// The rules of a deploy's health checks, without I/O: what makes one answer healthy and
// when a window of answers makes the deploy healthy.

/** What one probe saw, reduced to what a judgement needs. */
export interface ProbeAnswer {
  status: number;
  headers: Readonly<Record<string, string>>;
  body: string;
}

/**
 * Whether one answer is healthy: the expected status and, with `expectVersion`, the
 * deployed version named where the check says (a JSON path in the body or a header).
 */
export function judgeProbe(
  check: HealthCheck,
  answer: ProbeAnswer,
  expectedVersion: string | null,
): { ok: boolean; detail: string } {
  const request = `GET ${check.path}`;
  if (answer.status !== check.expectedStatus) {
    return { ok: false, detail: `${request} answered ${answer.status}, expected ${check.expectedStatus}` };
  }
  const where = check.expectVersion;
  if (!where || expectedVersion === null) return { ok: true, detail: `${request} answered ${answer.status}` };
  const running =
    'header' in where ? answer.headers[where.header.toLowerCase()] : versionAt(where.jsonPath, answer.body);
  const label = 'header' in where ? `header ${where.header}` : where.jsonPath;
  if (running === expectedVersion) {
    return { ok: true, detail: `${request} answered ${answer.status} with version ${expectedVersion}` };
  }
  return {
    ok: false,
    detail: `${request} reports ${running === undefined ? 'no version' : `version ${running}`} at ${label}, expected ${expectedVersion}`,
  };
}

/**
 * Counts healthy answers in a row: healthy once `consecutiveSuccesses` are reached; an
 * unhealthy answer starts the window again. Up to attempts + window − 1 probes are made.
 */
export function healthWindow(
  check: Pick<HealthCheck, 'attempts' | 'consecutiveSuccesses' | 'intervalSeconds'>,
  attempt: number,
  successesBefore: number,
  ok: boolean,
): { healthy: boolean; successes: number; attemptsLeft: boolean; intervalSeconds: number } {
  const window = check.consecutiveSuccesses ?? 1;
  const successes = ok ? successesBefore + 1 : 0;
  return {
    healthy: successes >= window,
    successes,
    attemptsLeft: attempt < check.attempts + window - 1,
    intervalSeconds: check.intervalSeconds,
  };
}

function versionAt(path: string, body: string): string | undefined {
  let document: unknown;
  try {
    document = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (document === null || typeof document !== 'object') return undefined;
  const [value] = (JSONPath({ path, json: document as object, eval: false, wrap: true }) ?? []) as unknown[];
  return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
}
