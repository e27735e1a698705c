import { type EventOrigin, publishEvent } from '#shared/events/publisher';
import type { TestRunSummary } from '#shared/schemas/test-runs';
import {
  earlierFinishedRuns,
  getTestRun,
  resultsOf,
  type StoredResult,
  sealResults,
  type TestRunRecord,
  updateTestRun,
} from '#shared/testing/runs/repository';
import type { TestRunTaskInput } from '#shared/testing/runs/task-input';

/** How many earlier runs on the same commit are compared for contradicting outcomes. */
const SAME_COMMIT_RUNS = 10;

const isFailure = (status: string) => status === 'failed' || status === 'errored';

/** The origin of what a run announces: who created it, correlated by the run. */
export const runOrigin = (run: TestRunRecord): EventOrigin => ({ actorId: run.createdBy, correlationId: run.id });

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

/**
 * Marks flaky results (in place): passed only after a retry, or contradicted (passed vs
 * failed) by an earlier finished run of the same suite on the same commit.
 */
async function markFlaky(run: TestRunRecord, results: StoredResult[]): Promise<void> {
  for (const result of results) {
    if (result.status === 'passed' && result.attempts > 1) {
      result.flaky = true;
    }
  }
  if (run.commit) {
    const sameCommit = await earlierFinishedRuns(run.projectId, run.suiteKey, run.id, {
      limit: SAME_COMMIT_RUNS,
      commit: run.commit,
    });
    const decided = results.filter((result) => result.status !== 'skipped');
    const outcomes = new Map<string, Set<'pass' | 'fail'>>();
    for (const earlier of sameCommit) {
      for (const previous of await resultsOf(
        earlier.id,
        decided.map((result) => result.caseId),
      )) {
        if (previous.status === 'skipped') continue;
        const seen = outcomes.get(previous.caseId) ?? new Set();
        seen.add(previous.status === 'passed' ? 'pass' : 'fail');
        outcomes.set(previous.caseId, seen);
      }
    }
    for (const result of decided) {
      const seen = outcomes.get(result.caseId);
      const contradicted = seen?.has(result.status === 'passed' ? 'fail' : 'pass');
      if (contradicted) result.flaky = true;
    }
  }
}

/** Failed or errored now, passed in the previous finished run of the same suite. */
async function findNewFailures(run: TestRunRecord, results: readonly StoredResult[]) {
  const failures = results.filter((result) => isFailure(result.status));
  if (failures.length === 0) return [];
  const [previous] = await earlierFinishedRuns(run.projectId, run.suiteKey, run.id, { limit: 1 });
  if (!previous) return [];
  const passedBefore = new Set(
    (
      await resultsOf(
        previous.id,
        failures.map((result) => result.caseId),
      )
    )
      .filter((result) => result.status === 'passed')
      .map((result) => result.caseId),
  );
  return failures
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

/**
 * Finishes a run from its results (executed by the state machine, or imported): flags flaky
 * results, counts the summary, finds new failures, seals the results, stores the outcome and
 * announces it (the announcement's consumer then writes each case's history).
 * A run that already finished is not finished again: if its announcement was lost, it is
 * announced now (so a retried SummarizeRun or a repeated upload catches up); otherwise it is
 * returned as it is.
 */
export async function completeRun(
  run: TestRunRecord,
  results: StoredResult[],
  origin: EventOrigin,
  options: { durationMs?: number } = {},
): Promise<TestRunRecord> {
  if (completionStep(run) !== 'finish') return announceCompletion(run, origin);
  await markFlaky(run, results);
  const endedAt = new Date().toISOString();
  const durationMs =
    options.durationMs ??
    (run.startedAt
      ? Date.parse(endedAt) - Date.parse(run.startedAt)
      : results.reduce((sum, result) => sum + result.durationMs, 0));
  const summary = summarize(results, durationMs);
  const newFailures = await findNewFailures(run, results);
  const status = summary.failed + summary.errored > 0 ? 'failed' : 'passed';
  // Sealed before the run says it finished: a finished run's results are always readable.
  await sealResults(run.id, results);
  const finished = await updateTestRun(
    run.projectId,
    run.id,
    { status, summary, newFailures, endedAt, startedAt: run.startedAt ?? endedAt },
    ['queued', 'running'],
  );
  if (finished) return announceCompletion(finished, origin);
  // It moved on meanwhile (ended errored, or another attempt finished it): announce what it is, if due.
  const current = await getTestRun(run.projectId, run.id);
  return current ? announceCompletion(current, origin) : run;
}

/**
 * Publishes 'Test Run Completed' for a finished run that was not announced yet, then records
 * that it was (`announcedAt`). A failed publish throws and leaves the run unannounced, for the
 * next attempt; two attempts racing may both publish, which the consumers take (idempotent).
 * Any other run is returned unchanged.
 */
export async function announceCompletion(run: TestRunRecord, origin: EventOrigin): Promise<TestRunRecord> {
  if (completionStep(run) !== 'announce') return run;
  await publishEvent(
    'Test Run Completed',
    run.projectId,
    {
      runId: run.id,
      suiteId: run.suiteId,
      source: run.source,
      status: run.status as 'passed' | 'failed',
      summary: run.summary!,
      newFailures: run.newFailures.length,
    },
    origin,
  );
  const announced = await updateTestRun(run.projectId, run.id, { announcedAt: new Date().toISOString() });
  return announced ?? run;
}

/**
 * Ends a run that broke (its execution failed, was stopped, or never started) errored with the
 * reason, and announces it. Only a queued or running run changes, and only the caller that
 * changed it announces it, so the state machine's FailRun, the ReconcileTestRun consumer and a
 * deployment's test gate can all call it for the same run. A run that finished but whose
 * completion was never announced (SummarizeRun's publish failed past its retries) is announced
 * now instead. `missing` when there is no run.
 */
export async function endRunErrored(input: TestRunTaskInput, reason: string): Promise<{ status: string }> {
  const run = await getTestRun(input.projectId, input.runId);
  if (!run) return { status: 'missing' };
  if (completionStep(run) === 'announce') {
    await announceCompletion(run, runOrigin(run));
    return { status: run.status };
  }
  const errored = await updateTestRun(
    run.projectId,
    run.id,
    { status: 'errored', failureReason: reason, endedAt: new Date().toISOString(), startedAt: run.startedAt },
    ['queued', 'running'],
  );
  if (!errored) return { status: run.status };
  await publishEvent('Test Run Failed', run.projectId, { runId: run.id, suiteId: run.suiteId, reason }, runOrigin(run));
  return { status: errored.status };
}
