import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { StoredResult } from '#shared/testing/runs/repository';
import { markFlaky, newFailures, runDuration, runOutcome, summarize } from '#shared/testing/runs/summary-rules';

type Status = StoredResult['status'];

function result(caseId: string, status: Status, attempts = 1): StoredResult {
  return {
    caseId,
    name: `case ${caseId}`,
    type: 'api',
    status,
    attempts,
    durationMs: 5,
    assertions: [],
    flaky: false,
    runId: 'run-1',
    projectId: 'project-1',
    commit: 'abc123',
    branch: null,
    at: '2026-01-01T00:00:01.000Z',
  };
}

describe('summarize', () => {
  it('counts each status and leaves skipped cases out of the pass rate', () => {
    // Prepare
    const results = [result('a', 'passed'), result('b', 'passed'), result('c', 'failed'), result('d', 'skipped')];

    // Act
    const summary = summarize(results, 1200);

    // Assess
    expect(summary).toEqual({
      total: 4,
      passed: 2,
      failed: 1,
      errored: 0,
      skipped: 1,
      flaky: 0,
      passRate: 0.6667,
      durationMs: 1200,
    });
  });

  it('has no pass rate when nothing ran (every case skipped, or none)', () => {
    expect(summarize([result('a', 'skipped')], 0).passRate).toBeNull();
    expect(summarize([], 0).passRate).toBeNull();
  });

  it('keeps its counts adding up and its pass rate between 0 and 1', () => {
    const statuses = fc.array(fc.constantFrom<Status>('passed', 'failed', 'errored', 'skipped'), { maxLength: 50 });
    fc.assert(
      fc.property(statuses, (drawn) => {
        // Act
        const summary = summarize(
          drawn.map((status, index) => result(`c${index}`, status)),
          0,
        );

        // Assess
        expect(summary.passed + summary.failed + summary.errored + summary.skipped).toBe(summary.total);
        if (summary.passRate !== null) {
          expect(summary.passRate).toBeGreaterThanOrEqual(0);
          expect(summary.passRate).toBeLessThanOrEqual(1);
        }
        expect(summary.passRate === 1).toBe(summary.passed > 0 && summary.passed === summary.total - summary.skipped);
      }),
    );
  });
});

describe('runOutcome', () => {
  it('fails a run with any failed or errored case, and passes one with only passes and skips', () => {
    expect(runOutcome({ failed: 1, errored: 0 })).toBe('failed');
    expect(runOutcome({ failed: 0, errored: 2 })).toBe('failed');
    expect(runOutcome({ failed: 0, errored: 0 })).toBe('passed');
  });
});

describe('runDuration', () => {
  const results = [result('a', 'passed'), result('b', 'failed')];

  it("takes the report's duration first, then the time from start to end, then the results' sum", () => {
    expect(runDuration(42, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:03.000Z', results)).toBe(42);
    expect(runDuration(undefined, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:03.000Z', results)).toBe(3000);
    expect(runDuration(undefined, null, '2026-01-01T00:00:03.000Z', results)).toBe(10);
  });
});

describe('markFlaky', () => {
  it('flags a case that passed only after a retry', () => {
    // Prepare
    const results = [result('a', 'passed', 2), result('b', 'passed'), result('c', 'failed', 3)];

    // Act
    markFlaky(results, []);

    // Assess
    expect(results.map((flagged) => flagged.flaky)).toEqual([true, false, false]);
  });

  it('flags a case an earlier run on the same commit contradicts, passed against failed or errored', () => {
    // Prepare
    const results = [result('a', 'passed'), result('b', 'errored'), result('c', 'failed'), result('d', 'passed')];
    const sameCommit = [
      { caseId: 'a', status: 'failed' as const },
      { caseId: 'b', status: 'passed' as const },
      { caseId: 'c', status: 'errored' as const },
      { caseId: 'd', status: 'skipped' as const },
    ];

    // Act
    markFlaky(results, sameCommit);

    // Assess: c failed both times, d's earlier skip says nothing.
    expect(results.map((flagged) => flagged.flaky)).toEqual([true, true, false, false]);
  });

  it('never flags a skipped case', () => {
    const results = [result('a', 'skipped')];
    markFlaky(results, [{ caseId: 'a', status: 'passed' }]);
    expect(results[0]?.flaky).toBe(false);
  });
});

describe('newFailures', () => {
  it('names the cases failing or erroring now that passed in the previous run', () => {
    // Prepare
    const results = [result('a', 'failed'), result('b', 'errored'), result('c', 'failed'), result('d', 'passed')];
    const previous = [
      { caseId: 'a', status: 'passed' as const },
      { caseId: 'b', status: 'passed' as const },
      { caseId: 'c', status: 'failed' as const },
      { caseId: 'd', status: 'passed' as const },
    ];

    // Act
    const found = newFailures(results, previous);

    // Assess
    expect(found).toEqual([
      { caseId: 'a', name: 'case a' },
      { caseId: 'b', name: 'case b' },
    ]);
  });

  it('finds none without a previous run', () => {
    expect(newFailures([result('a', 'failed')], [])).toEqual([]);
  });
});
