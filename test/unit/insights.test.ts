import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { InsightResult } from '#shared/testing/cases/insights';

// The modules read their table name at load; nothing here touches the table.
vi.stubEnv('TABLE_NAME', 'unit-test-table');
const { computeInsights } = await import('#shared/testing/cases/insights');
const { summarizeHistory } = await import('#shared/testing/cases/queries');
const { importedCaseId } = await import('#shared/testing/cases/repository');

type Run = Parameters<typeof computeInsights>[0][number]['run'];

function run(id: string, suite: string, passRate: number | null, createdAt: string): Run {
  return {
    id,
    suiteKey: suite,
    suiteId: suite.startsWith('import:') ? null : suite,
    suiteName: `Suite ${suite}`,
    summary: { total: 0, passed: 0, failed: 0, errored: 0, skipped: 0, flaky: 0, passRate, durationMs: 0 },
    createdAt,
  };
}

function result(
  caseId: string,
  status: InsightResult['status'],
  durationMs: number,
  extra: Partial<InsightResult> = {},
) {
  return {
    caseId,
    name: `case ${caseId}`,
    type: 'api' as const,
    status,
    durationMs,
    attempts: 1,
    flaky: false,
    ...extra,
  };
}

describe('computeInsights', () => {
  let insights: ReturnType<typeof computeInsights>;

  beforeAll(() => {
    // Prepare: three runs newest first; `a` is flaky twice, `b` fails twice, `c` is slow.
    insights = computeInsights(
      [
        {
          run: run('r3', 'suite-1', 0.5, '2026-01-03T00:00:00.000Z'),
          results: [
            result('a', 'passed', 10, { attempts: 2, name: 'newest name of a' }),
            result('b', 'failed', 20),
            result('c', 'passed', 900),
            result('d', 'skipped', 5_000),
          ],
        },
        {
          run: run('r2', 'import:ci', 1, '2026-01-02T00:00:00.000Z'),
          results: [result('a', 'passed', 12, { flaky: true }), result('b', 'errored', 30), result('c', 'passed', 700)],
        },
        {
          run: run('r1', 'suite-1', 1, '2026-01-01T00:00:00.000Z'),
          results: [result('a', 'passed', 14), result('b', 'passed', 25), result('c', 'passed', 800)],
        },
      ],
      2,
    );
  });

  it('ranks flaky cases by flaky results, counting retry-then-pass and marked results', () => {
    expect(insights.flakiest).toEqual([
      { caseId: 'a', name: 'newest name of a', type: 'api', flakyRuns: 2, runs: 3, flakyRate: 2 / 3 },
    ]);
  });

  it('counts failed and errored results as failures', () => {
    expect(insights.mostFailed).toEqual([
      { caseId: 'b', name: 'case b', type: 'api', failures: 2, runs: 3, failureRate: 2 / 3 },
    ]);
  });

  it('ranks the slowest by average duration, ignoring skipped results, up to the limit', () => {
    expect(insights.slowest.map((entry) => [entry.caseId, entry.averageMs, entry.maxMs])).toEqual([
      ['c', 800, 900],
      ['b', 25, 30],
    ]);
  });

  it('gives each suite its pass-rate points oldest to newest, and the window bounds', () => {
    expect(insights.window).toEqual({ runs: 3, from: '2026-01-01T00:00:00.000Z', to: '2026-01-03T00:00:00.000Z' });
    expect(insights.suiteTrends).toEqual([
      {
        suiteId: 'suite-1',
        suiteName: 'Suite suite-1',
        points: [
          { runId: 'r1', at: '2026-01-01T00:00:00.000Z', passRate: 1 },
          { runId: 'r3', at: '2026-01-03T00:00:00.000Z', passRate: 0.5 },
        ],
      },
      {
        suiteId: null,
        suiteName: 'Suite import:ci',
        points: [{ runId: 'r2', at: '2026-01-02T00:00:00.000Z', passRate: 1 }],
      },
    ]);
  });

  it('answers empty lists and an open window when there are no finished runs', () => {
    expect(computeInsights([], 10)).toEqual({
      window: { runs: 0, from: null, to: null },
      flakiest: [],
      mostFailed: [],
      slowest: [],
      suiteTrends: [],
    });
  });
});

describe('summarizeHistory', () => {
  const entry = (status: InsightResult['status'], commit: string | null, extra = {}) => ({
    status,
    commit,
    attempts: 1,
    flaky: false,
    ...extra,
  });

  it('is flaky when a commit both passed and failed', () => {
    expect(summarizeHistory([entry('passed', 'abc'), entry('failed', 'abc')])).toEqual({ flaky: true, passRate: 0.5 });
  });

  it('is not flaky when outcomes differ across commits', () => {
    expect(summarizeHistory([entry('passed', 'abc'), entry('failed', 'def'), entry('failed', null)])).toEqual({
      flaky: false,
      passRate: 1 / 3,
    });
  });

  it('is flaky when a result passed only after a retry, and leaves skipped results out of the pass rate', () => {
    expect(summarizeHistory([entry('passed', null, { attempts: 3 }), entry('skipped', null)])).toEqual({
      flaky: true,
      passRate: 1,
    });
    expect(summarizeHistory([entry('skipped', 'abc')])).toEqual({ flaky: false, passRate: null });
  });
});

describe('importedCaseId', () => {
  it('is a deterministic resource id per project and key', () => {
    const id = importedCaseId('01hzzzzzzzzzzzzzzzzzzzzzzz', 'com.example.CartTest::adds an item');
    expect(id).toMatch(/^[0-9a-v]{26}$/);
    expect(importedCaseId('01hzzzzzzzzzzzzzzzzzzzzzzz', 'com.example.CartTest::adds an item')).toBe(id);
    expect(importedCaseId('01hyyyyyyyyyyyyyyyyyyyyyyy', 'com.example.CartTest::adds an item')).not.toBe(id);
    expect(importedCaseId('01hzzzzzzzzzzzzzzzzzzzzzzz', 'com.example.CartTest::removes an item')).not.toBe(id);
  });

  it('spells the first 130 bits of sha256(projectId \\n key) in base32 (0-9a-v)', async () => {
    const { createHash } = await import('node:crypto');
    const digest = createHash('sha256').update('p\nk').digest();
    const bits = [...digest].map((byte) => byte.toString(2).padStart(8, '0')).join('');
    const expected = Array.from({ length: 26 }, (_, i) =>
      '0123456789abcdefghijklmnopqrstuv'.charAt(Number.parseInt(bits.slice(i * 5, i * 5 + 5), 2)),
    ).join('');
    expect(importedCaseId('p', 'k')).toBe(expected);
  });
});
