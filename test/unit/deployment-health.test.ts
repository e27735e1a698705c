import { describe, expect, it } from 'vitest';
import { healthWindow, judgeProbe } from '#shared/deployments/health-rules';
import { HealthCheck } from '#shared/schemas/environments';

const check = (overrides: Record<string, unknown> = {}) => HealthCheck.parse({ path: '/health', ...overrides });
const answer = (status: number, body: unknown = {}, headers: Record<string, string> = {}) => ({
  status,
  headers,
  body: JSON.stringify(body),
});

describe('judgeProbe', () => {
  it('is healthy on the expected status when no version is asked for', () => {
    expect(judgeProbe(check(), answer(200), 'v2').ok).toBe(true);
    expect(judgeProbe(check(), answer(503), 'v2')).toEqual({
      ok: false,
      detail: 'GET /health answered 503, expected 200',
    });
  });

  it('is unhealthy while the body still names the old version', () => {
    const versioned = check({ expectVersion: { jsonPath: '$.build.version' } });
    expect(judgeProbe(versioned, answer(200, { build: { version: 'v1' } }), 'v2')).toEqual({
      ok: false,
      detail: 'GET /health reports version v1 at $.build.version, expected v2',
    });
    expect(judgeProbe(versioned, answer(200, { build: { version: 'v2' } }), 'v2').ok).toBe(true);
    expect(judgeProbe(versioned, { status: 200, headers: {}, body: 'not json' }, 'v2').detail).toMatch(/no version/);
  });

  it('reads the version from a header, case-insensitively', () => {
    const versioned = check({ expectVersion: { header: 'X-App-Version' } });
    expect(judgeProbe(versioned, answer(200, {}, { 'x-app-version': 'v2' }), 'v2').ok).toBe(true);
    expect(judgeProbe(versioned, answer(200, {}, { 'x-app-version': 'v1' }), 'v2').ok).toBe(false);
  });
});

describe('healthWindow', () => {
  const window = { attempts: 2, consecutiveSuccesses: 3, intervalSeconds: 5 };

  it('is healthy only after the window of healthy answers in a row', () => {
    expect(healthWindow(window, 1, 0, true)).toMatchObject({ healthy: false, successes: 1 });
    expect(healthWindow(window, 2, 1, true)).toMatchObject({ healthy: false, successes: 2 });
    expect(healthWindow(window, 3, 2, true)).toMatchObject({ healthy: true, successes: 3 });
  });

  it('starts the window again after an unhealthy answer, within attempts + window - 1 probes', () => {
    expect(healthWindow(window, 3, 2, false)).toMatchObject({ healthy: false, successes: 0, attemptsLeft: true });
    expect(healthWindow(window, 4, 0, true)).toMatchObject({ healthy: false, attemptsLeft: false });
  });
});

describe('HealthCheck settings', () => {
  it('refuse a version path that selects more than one value', () => {
    expect(HealthCheck.safeParse({ path: '/health', expectVersion: { jsonPath: '$..version' } }).success).toBe(false);
    expect(HealthCheck.safeParse({ path: '/health', expectVersion: { jsonPath: '$.version' } }).success).toBe(true);
  });
});
