import type { TestRunSummary } from '#shared/schemas/test-runs';
import type { StoredResult, TestRunRecord } from '#shared/testing/runs/repository';

// Summarizing a test run, as decisions without I/O: its counts and pass rate, its outcome,
// which results are flaky, which failures are new, and what completing it still has to do.
// Reading earlier runs and storing the outcome are shared/testing/runs/summary.ts.

/** A result of an earlier run, as far as comparing outcomes needs it. */
export type EarlierResult = Pick<StoredResult, 'caseId' | 'status'>;

const isFailure = (status: string) => status === 'failed' || status === 'errored';

/** Counts of a run's results. passRate leaves skipped cases out; null when nothing ran. */
export function summarize(results: readonly StoredResult[], durationMs: number): TestRunSummary {
  const count = (status: string) => results.filter((result) => result.status === status).length;
  const passed = count('passed');
  const skipped = count('skipped');
  const counted = results.length - skipped;
  return {
    total: results.length,
    passed,
    failed: count('failed'),
    errored: count('errored'),
    skipped,
    flaky: results.filter((result) => result.flaky).length,
    passRate: counted > 0 ? Math.round((passed / counted) * 10_000) / 10_000 : null,
    durationMs,
  };
}

/** A run fails when any case failed or errored; skipped cases fail nothing. */
export function runOutcome(summary: Pick<TestRunSummary, 'failed' | 'errored'>): 'passed' | 'failed' {
  return summary.failed + summary.errored > 0 ? 'failed' : 'passed';
}

/**
 * How long a finished run took: what the report says, else from its start to its end, else
 * (a run that never started) the sum of its results' durations.
 */
export function runDuration(
  reported: number | undefined,
  startedAt: string | null | undefined,
  endedAt: string,
  results: readonly Pick<StoredResult, 'durationMs'>[],
): number {
  if (reported !== undefined) return reported;
  if (startedAt) return Date.parse(endedAt) - Date.parse(startedAt);
  return results.reduce((sum, result) => sum + result.durationMs, 0);
}

/**
 * Marks flaky results (in place): passed only after a retry, or contradicted (passed vs
 * failed) by `sameCommit`, the results of earlier finished runs of the same suite on the same
 * commit. Skipped results are never compared.
 */
export function markFlaky(results: StoredResult[], sameCommit: readonly EarlierResult[]): void {
  const outcomes = new Map<string, Set<'pass' | 'fail'>>();
  for (const previous of sameCommit) {
    if (previous.status === 'skipped') continue;
    const seen = outcomes.get(previous.caseId) ?? new Set();
    seen.add(previous.status === 'passed' ? 'pass' : 'fail');
    outcomes.set(previous.caseId, seen);
  }
  for (const result of results) {
    if (result.status === 'passed' && result.attempts > 1) result.flaky = true;
    if (result.status === 'skipped') continue;
    if (outcomes.get(result.caseId)?.has(result.status === 'passed' ? 'fail' : 'pass')) result.flaky = true;
  }
}

/** The results that failed or errored (those that may be new failures). */
export function failuresOf<T extends Pick<StoredResult, 'status'>>(results: readonly T[]): T[] {
  return results.filter((result) => isFailure(result.status));
}

/** Failed or errored now, passed in `previous` (the results of the suite's previous finished run). */
export function newFailures(
  results: readonly Pick<StoredResult, 'caseId' | 'name' | 'status'>[],
  previous: readonly EarlierResult[],
): { caseId: string; name: string }[] {
  const passedBefore = new Set(previous.filter((result) => result.status === 'passed').map((result) => result.caseId));
  return failuresOf(results)
    .filter((result) => passedBefore.has(result.caseId))
    .map((result) => ({ caseId: result.caseId, name: result.name }));
}

/**
 * What completing a run still has to do: `finish` a queued or running run, `announce` a run
 * that finished (passed or failed) but whose 'Test Run Completed' was never published (PutEvents
 * failed after the finished status was stored), or nothing (announced, or ended errored).
 */
export function completionStep(run: Pick<TestRunRecord, 'status' | 'announcedAt'>): 'finish' | 'announce' | 'none' {
  if (run.status === 'queued' || run.status === 'running') return 'finish';
  if ((run.status === 'passed' || run.status === 'failed') && !run.announcedAt) return 'announce';
  return 'none';
}
