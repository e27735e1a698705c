import { type EventOrigin, publishEvent } from '#shared/events/publisher';
import { DEFAULT_LOCALE } from '#shared/i18n/locale';
import type { RecordedText } from '#shared/i18n/stored';
import {
  earlierFinishedRuns,
  getTestRun,
  resultsOf,
  type StoredResult,
  sealResults,
  type TestRunRecord,
  updateTestRun,
} from '#shared/testing/runs/repository';
import { wordResultText } from '#shared/testing/runs/result-texts';
import {
  completionStep,
  type EarlierResult,
  failuresOf,
  markFlaky,
  newFailures,
  runDuration,
  runOutcome,
  summarize,
} from '#shared/testing/runs/summary-rules';
import type { TestRunTaskInput } from '#shared/testing/runs/task-input';

/** How many earlier runs on the same commit are compared for contradicting outcomes. */
const SAME_COMMIT_RUNS = 10;

/** The origin of what a run announces: who created it, correlated by the run. */
export const runOrigin = (run: TestRunRecord): EventOrigin => ({ actorId: run.createdBy, correlationId: run.id });

/**
 * The results of earlier finished runs of the same suite on the same commit (at most
 * SAME_COMMIT_RUNS), for the cases that ran now; none when the run names no commit.
 */
async function sameCommitResults(run: TestRunRecord, results: readonly StoredResult[]): Promise<EarlierResult[]> {
  if (!run.commit) return [];
  const sameCommit = await earlierFinishedRuns(run.projectId, run.suiteKey, run.id, {
    limit: SAME_COMMIT_RUNS,
    commit: run.commit,
  });
  const decided = results.filter((result) => result.status !== 'skipped').map((result) => result.caseId);
  const earlier: EarlierResult[] = [];
  for (const previous of sameCommit) earlier.push(...(await resultsOf(previous.id, decided)));
  return earlier;
}

/** Failed or errored now, passed in the previous finished run of the same suite. */
async function findNewFailures(run: TestRunRecord, results: readonly StoredResult[]) {
  const failures = failuresOf(results);
  if (failures.length === 0) return [];
  const [previous] = await earlierFinishedRuns(run.projectId, run.suiteKey, run.id, { limit: 1 });
  if (!previous) return [];
  return newFailures(
    results,
    await resultsOf(
      previous.id,
      failures.map((result) => result.caseId),
    ),
  );
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
  markFlaky(results, await sameCommitResults(run, results));
  const endedAt = new Date().toISOString();
  const summary = summarize(results, runDuration(options.durationMs, run.startedAt, endedAt, results));
  const newFailures = await findNewFailures(run, results);
  const status = runOutcome(summary);
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
export async function endRunErrored(input: TestRunTaskInput, reason: RecordedText): Promise<{ status: string }> {
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
  // The event carries English words; readers of the run word its reason in their own language.
  const words = wordResultText(reason, DEFAULT_LOCALE);
  await publishEvent(
    'Test Run Failed',
    run.projectId,
    { runId: run.id, suiteId: run.suiteId, reason: words },
    runOrigin(run),
  );
  return { status: errored.status };
}
