import { publishEvent } from '#shared/events/publisher';
import type { TestCaseType } from '#shared/schemas/test-cases';
import { TEST_RUN_LIMITS } from '#shared/schemas/test-runs';
import { getTestCases } from '#shared/testing/cases/repository';
import { resolveSuiteCases } from '#shared/testing/cases/suite-repository';
import { activeRun, type CaseItem, loadRun, reasonOf, stored } from '#shared/testing/runs/case-execution';
import { allResults, putResults, updateTestRun } from '#shared/testing/runs/repository';
import { announceCompletion, completeRun, endRunErrored, runOrigin } from '#shared/testing/runs/summary';
import { completionStep } from '#shared/testing/runs/summary-rules';
import type { TestRunTaskInput } from '#shared/testing/runs/task-input';

// The run-level steps of a test run (statemachines/test-run.asl.json): prepare, summarize,
// fail. These announce the run on the bus; the case-level steps are in
// shared/testing/runs/case-execution.ts.

/** Case types Trellis executes; the others come from CI through imports. */
const EXECUTABLE_TYPES: ReadonlySet<TestCaseType> = new Set(['api', 'scenario', 'performance']);
const NOT_EXECUTED = 'runs in CI; import its results';

/** The run asks for more than one execution may run. */
export class TooManyCases extends Error {
  override name = 'TooManyCases';
}

/**
 * First task: resolves the cases (the suite's as they are now, or the listed ones), records
 * the ones CI runs as skipped, marks the run running and announces it. Returns the cases the
 * Map executes.
 */
export async function prepareRun(input: TestRunTaskInput): Promise<{ cases: CaseItem[] }> {
  const run = await activeRun(input);
  const cases = run.suiteId
    ? (await resolveSuiteCases(run.projectId, run.suiteId)).cases
    : await getTestCases(run.projectId, run.caseIds ?? []);
  const executable = cases.filter((testCase) => EXECUTABLE_TYPES.has(testCase.type));
  if (executable.length > TEST_RUN_LIMITS.executableCases) {
    throw new TooManyCases(
      `The run has ${executable.length} executable cases; a run executes at most ${TEST_RUN_LIMITS.executableCases}`,
    );
  }
  const at = new Date().toISOString();
  const skipped = cases
    .filter((testCase) => !EXECUTABLE_TYPES.has(testCase.type))
    .map((testCase) =>
      stored(
        run,
        {
          caseId: testCase.id,
          name: testCase.name,
          type: testCase.type,
          status: 'skipped',
          attempts: 0,
          durationMs: 0,
          assertions: [],
          error: NOT_EXECUTED,
        },
        at,
      ),
    );
  if (skipped.length > 0) await putResults(skipped);
  if (run.status === 'queued') {
    const started = await updateTestRun(run.projectId, run.id, { status: 'running', startedAt: at }, ['queued']);
    // Only the attempt that moved the run announces it (a retried task finds it running).
    if (started) {
      await publishEvent(
        'Test Run Started',
        run.projectId,
        { runId: run.id, suiteId: run.suiteId, environmentId: run.environmentId, cases: cases.length },
        runOrigin(run),
      );
    }
  }
  return { cases: executable.map((testCase) => ({ caseId: testCase.id, type: testCase.type })) };
}

/**
 * Last task: counts the results, flags flaky ones, finds new failures, finishes the run. A
 * retry after the run finished only announces it, if the earlier attempt's announcement failed.
 */
export async function summarizeRun(input: TestRunTaskInput): Promise<{ status: string }> {
  const run = await loadRun(input);
  if (completionStep(run) !== 'finish') return { status: (await announceCompletion(run, runOrigin(run))).status };
  const finished = await completeRun(run, await allResults(run.id), runOrigin(run));
  return { status: finished.status };
}

/**
 * The run itself broke (a task failed past its retries): errored with the reason, announced.
 * A run that already finished is left alone.
 */
export async function failRun(input: TestRunTaskInput & { error?: { Error?: string; Cause?: string } }) {
  return endRunErrored(input, reasonOf(input.error ?? {}));
}
