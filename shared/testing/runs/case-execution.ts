import { ENV } from '#shared/config/env';
import { getEnvironment } from '#shared/environments/repository';
import { ValidationError } from '#shared/http/errors';
import { OutboundRequestError, outboundClient } from '#shared/http/outbound';
import { checkOutboundUrl, createOutboundPolicy, parseAllowList } from '#shared/http/outbound-policy';
import { type RecordedText, storedText } from '#shared/i18n/stored';
import type { PerformanceSpec } from '#shared/schemas/test-cases';
import type { RecordedCaseResult, TestCaseType } from '#shared/schemas/test-results';
import type { LoadBreakdown } from '#shared/schemas/test-runs';
import { TemplateError } from '#shared/testing/assertions/templates';
import { type RunnableTestCase, renderCaseRequest, runCase } from '#shared/testing/cases/api-case';
import { getTestCase, type TestCaseRecord } from '#shared/testing/cases/repository';
import {
  evaluateThresholds,
  type LoadResult,
  type LoadResultPart,
  type LoadSpecInput,
  loadResultPart,
  mergeLoadResults,
  runLoad,
} from '#shared/testing/load/engine';
import { LatencyHistogram } from '#shared/testing/load/histogram';
import { type LoadShare, splitLoad } from '#shared/testing/load/plan';
import { loadTargetAllowance, loadTargetProblem } from '#shared/testing/load/targets';
import * as m from '#shared/testing/runs/messages';
import { getTestRun, putResults, type StoredResult, type TestRunRecord } from '#shared/testing/runs/repository';
import type { TestRunTaskInput } from '#shared/testing/runs/task-input';
import { type StateError, taskFailureReason } from '#shared/workflows/state-error';

// The case-level steps of a test run (statemachines/test-run.asl.json, inside its Map):
// run a case, or plan, run and merge a performance case's load. Each loads the run and does
// its one thing; results are written by case id, so a retried task overwrites its own result.
// Nothing here publishes events: these tasks have no bus (see shared/testing/runs/workflow.ts).

/** Private addresses load tests may reach after all (local mode, tests): as for every outbound call. */
const allowList = parseAllowList(process.env[ENV.outboundAllowList]);
const outboundPolicy = createOutboundPolicy(allowList);

/** Time a task keeps for writing its result after the case or load share it runs. */
const TASK_MARGIN_MS = 15_000;

export interface CaseInput extends TestRunTaskInput {
  caseId: string;
}
/** A case as the Map iterates over it. */
export interface CaseItem {
  caseId: string;
  type: TestCaseType;
}
export type { LoadShare } from '#shared/testing/load/plan';

/**
 * A load share's outcome: what it measured (each histogram once: per request), why it could
 * not run, or (`failure`) the error the state machine caught when its worker broke.
 */
export type ShareOutcome = LoadResultPart | { error: RecordedText } | { failure: StateError };

/** A case result as an execution stores it: performance cases add their load breakdown. */
type ExecutedResult = RecordedCaseResult & { load?: LoadBreakdown };

/** The run is not queued or running any more (errored, or finished by an earlier attempt). */
export class TestRunNotActive extends Error {
  override name = 'TestRunNotActive';
}

/** The run; TestRunNotActive when it does not exist. */
export async function loadRun(input: TestRunTaskInput): Promise<TestRunRecord> {
  const run = await getTestRun(input.projectId, input.runId);
  if (!run) throw new TestRunNotActive(`Test run ${input.runId} does not exist`);
  return run;
}

/** The run, while it is queued or running; TestRunNotActive otherwise. */
export async function activeRun(input: TestRunTaskInput): Promise<TestRunRecord> {
  const run = await loadRun(input);
  if (run.status !== 'queued' && run.status !== 'running') {
    throw new TestRunNotActive(`Test run ${run.id} is ${run.status}`);
  }
  return run;
}

/**
 * Runs an api or scenario case with the run's variables, environment URL and retries through
 * the guarded outbound client, and stores its result. `deadline` (epoch ms) is when the
 * task must be done; a case still running then is errored rather than lost.
 */
export async function executeCase(input: CaseInput, deadline: number): Promise<{ caseId: string; status: string }> {
  const run = await activeRun(input);
  const testCase = await getTestCase(run.projectId, input.caseId);
  if (!testCase) return record(run, deletedCase(input.caseId));
  const signal = AbortSignal.timeout(Math.max(1_000, deadline - Date.now() - TASK_MARGIN_MS));
  const result = await runCase(runnable(testCase), {
    vars: run.vars ?? {},
    environmentUrl: await environmentUrlOf(run),
    retries: run.retries,
    client: outboundClient,
    signal,
  });
  return record(run, result);
}

/**
 * What the state machine caught while running a case (a task that crashed or timed out):
 * the case is errored with that reason, and the run goes on with the others.
 */
export async function recordCaseError(
  input: CaseInput & { type?: TestCaseType; error?: StateError },
): Promise<{ caseId: string; status: string }> {
  const run = await loadRun(input);
  if (run.status !== 'queued' && run.status !== 'running') return { caseId: input.caseId, status: 'errored' };
  const testCase = await getTestCase(run.projectId, input.caseId);
  return record(run, {
    caseId: input.caseId,
    name: testCase?.name ?? input.caseId,
    type: testCase?.type ?? input.type ?? 'api',
    status: 'errored',
    attempts: 1,
    durationMs: 0,
    assertions: [],
    error: storedText(m.caseNotRun({ reason: taskFailureReason(input.error ?? {}) })),
  });
}

/**
 * Splits a performance case's load over a few workers (connections, requests and arrival
 * rate divided; the duration is the same for all). A case that cannot run (bad template,
 * refused URL) is recorded errored here and gets no shares.
 */
export async function planLoad(input: CaseInput): Promise<{ shares: LoadShare[] }> {
  const run = await activeRun(input);
  const testCase = await getTestCase(run.projectId, input.caseId);
  if (!testCase) {
    await record(run, deletedCase(input.caseId));
    return { shares: [] };
  }
  const spec = testCase.spec as PerformanceSpec;
  const target = await loadTarget(run, testCase);
  if ('error' in target) {
    await record(run, performanceResult(testCase, { status: 'errored', error: target.error }));
    return { shares: [] };
  }
  return { shares: splitLoad(spec.load) };
}

/**
 * One worker's share of a performance case's load, through the outbound policy (the engine
 * vets and resolves every URL before it connects). A target that cannot be used is an
 * outcome, not an error: the merge makes the case errored.
 */
export async function runLoadShare(input: CaseInput & { share: LoadShare }, deadline: number): Promise<ShareOutcome> {
  const run = await activeRun(input);
  const testCase = await getTestCase(run.projectId, input.caseId);
  if (!testCase) return { error: storedText(m.caseDeletedBeforeLoad()) };
  const target = await loadTarget(run, testCase);
  if ('error' in target) return { error: target.error };
  const spec: LoadSpecInput = {
    requests: [
      {
        name: requestName(testCase),
        method: target.request.method as 'GET',
        url: target.request.url,
        ...(Object.keys(target.request.headers).length > 0 ? { headers: target.request.headers } : {}),
        ...(target.request.body === undefined ? {} : { body: target.request.body }),
      },
    ],
    load: input.share.load,
  };
  try {
    const result = await runLoad(spec, {
      allowList,
      maxDurationMs: Math.max(1_000, deadline - Date.now() - TASK_MARGIN_MS),
    });
    // The overall histogram is the merge of the per-request ones: MergeLoad rebuilds it.
    return loadResultPart(result);
  } catch (error) {
    if (error instanceof OutboundRequestError) return { error: storedText(error.text) };
    if (error instanceof ValidationError) {
      const reason = (error.extras.errors ?? []).map((field) => field.message).join('; ');
      return { error: storedText(m.loadCannotRun({ reason })) };
    }
    throw error;
  }
}

/**
 * Merges the workers' results exactly (histograms add, nothing is averaged), checks the
 * case's thresholds and stores the result: failed when a threshold fails, errored when no
 * worker could run or nothing answered (the target is unreachable).
 */
export async function mergeLoad(
  input: CaseInput & { shares: ShareOutcome[] },
): Promise<{ caseId: string; status: string }> {
  const run = await activeRun(input);
  const testCase = await getTestCase(run.projectId, input.caseId);
  if (!testCase) return record(run, deletedCase(input.caseId));
  const problems = input.shares.flatMap((share): RecordedText[] => {
    if ('error' in share) return [share.error];
    if ('failure' in share) return [storedText(m.loadWorkerFailed({ reason: taskFailureReason(share.failure) }))];
    return [];
  });
  if (problems.length > 0 || input.shares.length === 0) {
    const error = problems[0] ?? storedText(m.noLoadWorker());
    return record(run, performanceResult(testCase, { status: 'errored', error }));
  }
  const merged = mergeLoadResults(input.shares as LoadResultPart[]);
  const metrics = {
    requests: merged.requests,
    rps: round(merged.rps, 3),
    errorRate: round(merged.errorRate, 6),
    latency: merged.latency,
  };
  const load = loadBreakdown(merged);
  const answered = Object.values(merged.statusCounts).reduce((sum, count) => sum + count, 0);
  if (answered === 0) {
    const { network, timeout } = merged.errorsByKind;
    return record(
      run,
      performanceResult(testCase, {
        status: 'errored',
        durationMs: merged.durationMs,
        metrics,
        load,
        error: storedText(m.targetUnreachable({ requests: merged.requests, network, timeout })),
      }),
    );
  }
  const thresholds = evaluateThresholds(merged, (testCase.spec as PerformanceSpec).thresholds);
  return record(
    run,
    performanceResult(testCase, {
      status: thresholds.every((threshold) => threshold.passed) ? 'passed' : 'failed',
      durationMs: merged.durationMs,
      metrics,
      load,
      assertions: thresholds.map(({ type, passed, expected, actual, message }) => ({
        type,
        passed,
        expected,
        actual,
        message: storedText(message),
      })),
    }),
  );
}

async function environmentUrlOf(run: TestRunRecord): Promise<string | undefined> {
  if (!run.environmentId) return undefined;
  return (await getEnvironment(run.projectId, run.environmentId))?.url;
}

/** The performance case's request with the run's placeholders resolved, once it is a URL the policy allows. */
async function loadTarget(
  run: TestRunRecord,
  testCase: TestCaseRecord,
): Promise<{ request: ReturnType<typeof renderCaseRequest> } | { error: RecordedText }> {
  const spec = testCase.spec as PerformanceSpec;
  let request: ReturnType<typeof renderCaseRequest>;
  try {
    request = renderCaseRequest(spec.request, { vars: run.vars ?? {}, environmentUrl: await environmentUrlOf(run) });
  } catch (error) {
    if (error instanceof TemplateError) return { error: error.text };
    throw error;
  }
  const check = checkOutboundUrl(request.url, outboundPolicy);
  if (!check.ok) return { error: storedText(m.urlRefusedForCase({ reason: check.reason })) };
  // Checked when the run was created too; the project's verifications may have changed since.
  const problem = loadTargetProblem(request.url, await loadTargetAllowance(run.projectId));
  if (problem !== undefined) return { error: storedText(m.loadCannotRun({ reason: problem })) };
  return { request };
}

function requestName(testCase: TestCaseRecord): string {
  const name = testCase.name.trim();
  return name.length > 0 ? name.slice(0, 100) : 'request';
}

function runnable(testCase: TestCaseRecord): RunnableTestCase {
  return { caseId: testCase.id, name: testCase.name, type: testCase.type, spec: testCase.spec } as RunnableTestCase;
}

function deletedCase(caseId: string): RecordedCaseResult {
  return {
    caseId,
    name: caseId,
    type: 'api',
    status: 'errored',
    attempts: 0,
    durationMs: 0,
    assertions: [],
    error: storedText(m.caseDeleted()),
  };
}

/** What the merged load measured, as the result shows it: percentiles, not histograms. */
function loadBreakdown(merged: LoadResult): LoadBreakdown {
  return {
    workers: merged.workers,
    stoppedBy: merged.stoppedBy,
    statusCounts: merged.statusCounts,
    errorsByKind: merged.errorsByKind,
    lateStarts: merged.lateStarts,
    ...(merged.timeline === undefined ? {} : { timeline: merged.timeline }),
    byRequest: Object.fromEntries(
      Object.entries(merged.byRequest).map(([name, part]) => [
        name,
        { requests: part.count, errors: part.errors, latency: LatencyHistogram.decode(part.histogram).percentiles() },
      ]),
    ),
  };
}

function performanceResult(
  testCase: TestCaseRecord,
  outcome: Pick<RecordedCaseResult, 'status'> & Partial<ExecutedResult>,
): ExecutedResult {
  return {
    caseId: testCase.id,
    name: testCase.name,
    type: 'performance',
    // A retry of a load test would measure other conditions: performance cases run once.
    attempts: 1,
    durationMs: 0,
    assertions: [],
    ...outcome,
  };
}

/** A case result as stored for a run (with the run's labels, for the case's history). */
export function stored(run: TestRunRecord, result: ExecutedResult, at: string): StoredResult {
  return {
    ...result,
    durationMs: Math.round(result.durationMs),
    flaky: false,
    runId: run.id,
    projectId: run.projectId,
    commit: run.commit,
    branch: run.branch,
    at,
  };
}

async function record(run: TestRunRecord, result: ExecutedResult) {
  await putResults([stored(run, result, new Date().toISOString())]);
  return { caseId: result.caseId, status: result.status };
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
