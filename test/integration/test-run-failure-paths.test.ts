import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { DescribeExecutionCommandOutput } from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { STATE_MACHINES } from '#shared/workflows/state-machines';
import { applyHandlerEnvironment, handlerEnvironment } from '../../scripts/local/aws-env.ts';
import {
  createHandlerLoader,
  type HandlerLoader,
  type LoadedHandler,
  wrapHandler,
} from '../../scripts/local/lambda-runtime.ts';
import { pollUntil, readPublishedEvents } from '../support/client.ts';
import { closed, type LocalEngine, startExecution, startLocalEngine } from '../support/step-functions.ts';
import {
  createEnvironment,
  createSuite,
  createTestCase,
  getTestRun,
  type OwnedProject,
  ownedProject,
  TargetServer,
} from '../support/test-runs.ts';

// The failure paths of statemachines/test-run.asl.json, on the local engine with the real ASL
// and the real task handlers, each broken where a test says so. What the ASL does when a task
// breaks (Retry first, then Catch):
//   PrepareRun    Lambda.* ×3; TooManyCases, TestRunNotActive not retried; any other ×2 → FailRun
//   ExecuteCase   Lambda.* ×3 → RecordCaseError (the case errored, the run goes on)
//   PlanLoad      Lambda.* ×3 → RecordCaseError
//   RunLoadShare  Lambda.* ×3 → LoadShareFailed (a Pass) → MergeLoad records the case errored
//   RunLoadShares (the inner Map) → RecordCaseError (its items catch their own failures)
//   MergeLoad     Lambda.* ×3; TestRunNotActive not retried; any other ×2 → RecordCaseError
//   RecordCaseError Lambda.* ×3 → CaseBroken (Fail) → the RunCases Map fails → FailRun
//   SummarizeRun  Lambda.* ×3; TestRunNotActive not retried; any other ×2 → FailRun
//   FailRun       any ×3 → RunErrored either way (a run FailRun could not error is ReconcileTestRun's)

const dataDir = inject('dataDir');

/** A task of the TestRun machine, by its handler's file name (functions/test-run-tasks/<task>.ts). */
type Task =
  | 'prepare-run'
  | 'execute-case'
  | 'plan-load'
  | 'run-load-share'
  | 'merge-load'
  | 'summarize-run'
  | 'fail-run';

/** What the tasks receive, as far as these tests look at it. */
interface TaskEvent {
  projectId: string;
  runId: string;
  caseId?: string;
  share?: { index: number };
  shares?: unknown[];
  /** ExecuteCaseFunction as RecordCaseError, and FailRun: what the state machine caught. */
  error?: { Error?: string; Cause?: string };
}

interface Call {
  task: Task;
  event: TaskEvent;
}

/** Breaks a task: the error its handler throws instead of running (its name is what Retry and Catch match). */
type Fault = (task: Task, event: TaskEvent) => Error | undefined;

/** An error as a crashing handler throws it: Step Functions reports `name` as the error. */
function crash(name: string, message: string): Error {
  const error = new Error(message);
  error.name = name;
  return error;
}

interface Result {
  caseId: string;
  name: string;
  type: string;
  status: string;
  attempts: number;
  error?: string;
}
interface Run {
  id: string;
  status: string;
  summary: { total: number; passed: number; failed: number; errored: number; skipped: number } | null;
  results: Result[];
  failureReason: string | null;
  startedAt: string | null;
  endedAt: string | null;
}

/** PrepareRun and SummarizeRun retry any failure twice (2 s, then 4 s); FailRun three times (2, 4, 8 s). */
const RETRIES_DEADLINE_MS = 40_000;

describe('TestRun state machine failure paths, on the local engine with the real ASL', () => {
  const target = new TargetServer();
  let workDir: string;
  let engine: LocalEngine;
  let p: OwnedProject;
  let environmentId: string;
  let createTestRunRecord: typeof import('#shared/testing/runs/commands').createTestRunRecord;
  let TooManyCases: typeof import('#shared/testing/runs/workflow').TooManyCases;

  /** Every task invocation of every execution, in order; and the fault of each run. */
  const calls: Call[] = [];
  const faults = new Map<string, Fault>();

  /**
   * The real handlers, each wrapped: the invocation is recorded, then the run's fault (if any)
   * decides whether the handler runs or throws, as the Lambda would had it crashed.
   */
  function faultyLoader(): HandlerLoader {
    const real = createHandlerLoader();
    const loaded = new Map<string, Promise<LoadedHandler>>();
    return (handlerFile) => {
      let loading = loaded.get(handlerFile);
      if (!loading) {
        const task = basename(handlerFile, '.ts') as Task;
        loading = real(handlerFile).then((handler) =>
          wrapHandler(async (event, context) => {
            const input = event as TaskEvent;
            calls.push({ task, event: structuredClone(input) });
            const failure = faults.get(input.runId)?.(task, input);
            if (failure) throw failure;
            return handler.handler(event, context);
          }, handler.initDurationMs),
        );
        loaded.set(handlerFile, loading);
      }
      return loading;
    };
  }

  beforeAll(async () => {
    // The handlers run in this process, configured as the stack configures its task Lambdas.
    applyHandlerEnvironment(handlerEnvironment(inject('endpoints'), inject('resources'), 'WARN'));
    ({ createTestRunRecord } = await import('#shared/testing/runs/commands'));
    ({ TooManyCases } = await import('#shared/testing/runs/workflow'));
    await target.start();
    p = await ownedProject('Failure paths', 'FP');
    environmentId = await createEnvironment(p, target.url);
    workDir = await mkdtemp(join(tmpdir(), 'trellis-test-run-failures-'));
    engine = await startLocalEngine(workDir, {
      definitions: STATE_MACHINES.filter(({ id }) => id === 'TestRun'),
      loadHandler: faultyLoader(),
    });
  });

  afterAll(async () => {
    await engine?.stop();
    await target.stop();
    if (workDir) await rm(workDir, { recursive: true, force: true });
  });

  // --- Cases, runs and what they show ---------------------------------------------------------

  const apiCase = (name: string) =>
    createTestCase(p, {
      name,
      type: 'api',
      spec: {
        request: { method: 'GET', url: '{{environment.url}}/users/42' },
        assertions: [{ type: 'status', equals: 200 }],
      },
    });

  /** A performance case with no threshold; 30 connections are split over two load workers. */
  const loadCase = (name: string, connections = 2, requests = 4) =>
    createTestCase(p, {
      name,
      type: 'performance',
      spec: {
        request: { method: 'GET', url: '{{environment.url}}/users/42' },
        load: { connections, requests },
        thresholds: {},
      },
    });

  /** A queued run of a suite of `caseIds`, stored but not started (as a deployment's test stage stores it). */
  async function queuedRun(caseIds: string[]): Promise<string> {
    const suiteId = await createSuite(p, caseIds, `Suite ${Math.random().toString(36).slice(2, 8)}`);
    const run = await createTestRunRecord(p.projectId, { suiteId, environmentId }, p.owner.userId);
    return run.id;
  }

  /** Runs the run's execution on the local engine, its tasks broken by `fault`; answers the closed execution. */
  async function execute(runId: string, fault?: Fault, name = runId): Promise<DescribeExecutionCommandOutput> {
    if (fault) faults.set(runId, fault);
    const executionArn = await startExecution(engine.client, 'TestRun', { projectId: p.projectId, runId }, name);
    return closed(engine.client, executionArn, RETRIES_DEADLINE_MS);
  }

  const runOf = (runId: string) => getTestRun<Run>(p, runId);
  const resultOf = (run: Run, caseId: string): Result | undefined =>
    run.results.find((result) => result.caseId === caseId);
  /** The invocations of `task` for the run (and the case, when given). */
  const callsOf = (task: Task, runId: string, caseId?: string) =>
    calls.filter(
      (call) =>
        call.task === task && call.event.runId === runId && (caseId === undefined || call.event.caseId === caseId),
    );
  /** ExecuteCaseFunction invoked without an error runs the case; with one, it is RecordCaseError. */
  const executions = (runId: string, caseId: string) =>
    callsOf('execute-case', runId, caseId).filter((call) => call.event.error === undefined);
  const recordedErrors = (runId: string, caseId: string) =>
    callsOf('execute-case', runId, caseId).filter((call) => call.event.error !== undefined);

  /** The run's 'Test Run …' events, oldest first. */
  async function runEvents(runId: string) {
    return (await readPublishedEvents(dataDir)).filter(
      (event) => event['detail-type'].startsWith('Test Run ') && event.detail.data?.runId === runId,
    );
  }
  /** The run's events once `last` was published (they are on the bus before the execution closes). */
  async function eventsEndingWith(runId: string, last: string) {
    const events = await pollUntil(
      () => runEvents(runId),
      (found) => found.some((event) => event['detail-type'] === last),
      { description: `'${last}' of run ${runId}` },
    );
    return events;
  }
  const typesOf = (events: Awaited<ReturnType<typeof runEvents>>) => events.map((event) => event['detail-type']);

  // --- A case's task breaks: the case is errored, the run goes on --------------------------------

  describe('a case whose task breaks is recorded errored and the run goes on', () => {
    it('ExecuteCase → RecordCaseError: the case errored with the error, not run again, the other cases run', async () => {
      // Prepare
      const broken = await apiCase('Crashes its worker');
      const fine = await apiCase('Runs fine');
      const load = await loadCase('Load runs fine');
      const runId = await queuedRun([broken, fine, load]);

      // Act
      const execution = await execute(runId, (task, event) =>
        task === 'execute-case' && event.caseId === broken && !event.error
          ? crash('CaseWorkerCrashed', 'the worker ran out of memory')
          : undefined,
      );

      // Assess
      expect(execution.status).toBe('SUCCEEDED');
      const run = await runOf(runId);
      expect(run).toMatchObject({ status: 'failed', failureReason: null });
      expect(run.summary).toMatchObject({ total: 3, passed: 2, failed: 0, errored: 1 });
      expect(resultOf(run, broken)).toMatchObject({
        name: 'Crashes its worker',
        type: 'api',
        status: 'errored',
        error: 'The case could not be run: CaseWorkerCrashed: the worker ran out of memory',
      });
      expect(resultOf(run, fine)?.status).toBe('passed');
      expect(resultOf(run, load)).toMatchObject({ type: 'performance', status: 'passed' });
      // A case is not run again (it would change its result): one execution, one recorded error.
      expect(executions(runId, broken)).toHaveLength(1);
      expect(recordedErrors(runId, broken)).toHaveLength(1);
      expect(recordedErrors(runId, broken)[0]?.event).toMatchObject({
        type: 'api',
        error: { Error: 'CaseWorkerCrashed' },
      });
      const events = await eventsEndingWith(runId, 'Test Run Completed');
      expect(typesOf(events)).toEqual(['Test Run Started', 'Test Run Completed']);
      expect(events[1]?.detail.data).toMatchObject({ status: 'failed', summary: { errored: 1, passed: 2 } });
    });

    it('ExecuteCase retries a transient Lambda error and the case passes', async () => {
      // Prepare
      const throttled = await apiCase('Throttled once');
      const runId = await queuedRun([throttled]);
      let throttledOnce = false;

      // Act
      const execution = await execute(runId, (task) => {
        if (task !== 'execute-case' || throttledOnce) return undefined;
        throttledOnce = true;
        return crash('Lambda.TooManyRequestsException', 'Rate exceeded');
      });

      // Assess
      expect(execution.status).toBe('SUCCEEDED');
      const run = await runOf(runId);
      expect(run.status).toBe('passed');
      expect(resultOf(run, throttled)).toMatchObject({ status: 'passed', attempts: 1 });
      expect(executions(runId, throttled)).toHaveLength(2);
      expect(recordedErrors(runId, throttled)).toEqual([]);
    });

    it('PlanLoad → RecordCaseError: the performance case errored, no load sent, the other cases run', async () => {
      // Prepare
      const broken = await loadCase('Cannot plan');
      const fine = await apiCase('Runs beside it');
      const runId = await queuedRun([broken, fine]);

      // Act
      const execution = await execute(runId, (task, event) =>
        task === 'plan-load' && event.caseId === broken ? crash('PlanCrashed', 'no capacity left') : undefined,
      );

      // Assess
      expect(execution.status).toBe('SUCCEEDED');
      const run = await runOf(runId);
      expect(run).toMatchObject({ status: 'failed', summary: { total: 2, passed: 1, errored: 1 } });
      expect(resultOf(run, broken)).toMatchObject({
        name: 'Cannot plan',
        type: 'performance',
        status: 'errored',
        error: 'The case could not be run: PlanCrashed: no capacity left',
      });
      expect(resultOf(run, fine)?.status).toBe('passed');
      expect(callsOf('plan-load', runId, broken)).toHaveLength(1);
      expect(callsOf('run-load-share', runId, broken)).toEqual([]);
      expect(callsOf('merge-load', runId, broken)).toEqual([]);
      expect(recordedErrors(runId, broken)[0]?.event).toMatchObject({ type: 'performance' });
      expect(typesOf(await eventsEndingWith(runId, 'Test Run Completed'))).toEqual([
        'Test Run Started',
        'Test Run Completed',
      ]);
    });

    it('RunLoadShare → LoadShareFailed: MergeLoad records the case errored with the worker failure, the other cases run', async () => {
      // Prepare: 30 connections → two load workers; the second one breaks.
      const broken = await loadCase('One worker crashes', 30, 30);
      const fine = await apiCase('Runs beside the load');
      const runId = await queuedRun([broken, fine]);

      // Act
      const execution = await execute(runId, (task, event) =>
        task === 'run-load-share' && event.share?.index === 1
          ? crash('LoadWorkerCrashed', 'socket hang up')
          : undefined,
      );

      // Assess
      expect(execution.status).toBe('SUCCEEDED');
      const run = await runOf(runId);
      expect(run).toMatchObject({ status: 'failed', summary: { total: 2, passed: 1, errored: 1 } });
      expect(resultOf(run, broken)).toMatchObject({
        name: 'One worker crashes',
        type: 'performance',
        status: 'errored',
        error: 'a load worker failed: LoadWorkerCrashed: socket hang up',
      });
      expect(resultOf(run, fine)?.status).toBe('passed');
      // Each worker ran once (a load share is not retried); the merge got the measured share and the failure.
      expect(callsOf('run-load-share', runId, broken).map((call) => call.event.share?.index)).toEqual(
        expect.arrayContaining([0, 1]),
      );
      expect(callsOf('run-load-share', runId, broken)).toHaveLength(2);
      const merges = callsOf('merge-load', runId, broken);
      expect(merges).toHaveLength(1);
      expect(merges[0]?.event.shares).toHaveLength(2);
      expect(merges[0]?.event.shares?.[0]).not.toHaveProperty('failure');
      expect(merges[0]?.event.shares?.[1]).toMatchObject({ failure: { Error: 'LoadWorkerCrashed' } });
      expect(recordedErrors(runId, broken)).toEqual([]);
      expect(typesOf(await eventsEndingWith(runId, 'Test Run Completed'))).toEqual([
        'Test Run Started',
        'Test Run Completed',
      ]);
    });

    it('MergeLoad, retried twice, → RecordCaseError: the performance case errored, the other cases run', async () => {
      // Prepare
      const broken = await loadCase('Cannot merge');
      const fine = await apiCase('Runs beside the merge');
      const runId = await queuedRun([broken, fine]);

      // Act
      const execution = await execute(runId, (task, event) =>
        task === 'merge-load' && event.caseId === broken ? crash('MergeCrashed', 'histogram out of range') : undefined,
      );

      // Assess
      expect(execution.status).toBe('SUCCEEDED');
      const run = await runOf(runId);
      expect(run).toMatchObject({ status: 'failed', summary: { total: 2, passed: 1, errored: 1 } });
      expect(resultOf(run, broken)).toMatchObject({
        type: 'performance',
        status: 'errored',
        error: 'The case could not be run: MergeCrashed: histogram out of range',
      });
      expect(resultOf(run, fine)?.status).toBe('passed');
      expect(callsOf('merge-load', runId, broken)).toHaveLength(3);
      expect(recordedErrors(runId, broken)).toHaveLength(1);
    });
  });

  // --- The run itself breaks: FailRun errors it with the reason ----------------------------------

  describe('a run whose own task breaks is errored with the reason through FailRun', () => {
    it('RecordCaseError → CaseBroken → FailRun: the run errored, announced as failed, never summarized', async () => {
      // Prepare: the case's task breaks, and so does recording its error.
      const broken = await apiCase('Cannot even be recorded');
      const runId = await queuedRun([broken]);

      // Act
      const execution = await execute(runId, (task, event) =>
        task === 'execute-case' && event.caseId === broken ? crash('TableUnavailable', 'the table is gone') : undefined,
      );

      // Assess
      const reason = "CaseNotRecorded: A case's task failed and its error could not be recorded";
      expect(execution).toMatchObject({
        status: 'FAILED',
        error: 'TestRunErrored',
        cause: "A case's task failed and its error could not be recorded",
      });
      const run = await runOf(runId);
      expect(run).toMatchObject({ status: 'errored', failureReason: reason, summary: null });
      expect(run.endedAt).toEqual(expect.any(String));
      expect(resultOf(run, broken)).toBeUndefined();
      expect(executions(runId, broken)).toHaveLength(1);
      expect(recordedErrors(runId, broken)).toHaveLength(1);
      expect(callsOf('summarize-run', runId)).toEqual([]);
      expect(callsOf('fail-run', runId)).toHaveLength(1);
      expect(callsOf('fail-run', runId)[0]?.event.error).toMatchObject({ Error: 'CaseNotRecorded' });
      const events = await eventsEndingWith(runId, 'Test Run Failed');
      expect(typesOf(events)).toEqual(['Test Run Started', 'Test Run Failed']);
      expect(events[1]?.detail.data).toMatchObject({ runId, reason });
    });

    it('PrepareRun TooManyCases, not retried, → FailRun: the run errored with the reason', async () => {
      // Prepare: the check of the case count fails (it needs more than 1,000 executable cases).
      const fine = await apiCase('Never reached');
      const runId = await queuedRun([fine]);
      const message = 'The run has 1001 executable cases; a run executes at most 1000';

      // Act
      const execution = await execute(runId, (task) =>
        task === 'prepare-run' ? new TooManyCases(message) : undefined,
      );

      // Assess
      expect(execution).toMatchObject({ status: 'FAILED', error: 'TestRunErrored' });
      expect(JSON.parse(execution.cause!)).toMatchObject({ errorType: 'TooManyCases', errorMessage: message });
      const run = await runOf(runId);
      expect(run).toMatchObject({ status: 'errored', failureReason: `TooManyCases: ${message}`, results: [] });
      expect(callsOf('prepare-run', runId)).toHaveLength(1);
      expect(callsOf('execute-case', runId)).toEqual([]);
      const events = await eventsEndingWith(runId, 'Test Run Failed');
      expect(typesOf(events)).toEqual(['Test Run Failed']);
      expect(events[0]?.detail.data).toMatchObject({ runId, reason: `TooManyCases: ${message}` });
    });

    it('PrepareRun, retried twice, → FailRun: the run errored with the reason', async () => {
      // Prepare
      const fine = await apiCase('Never prepared');
      const runId = await queuedRun([fine]);

      // Act
      const execution = await execute(runId, (task) =>
        task === 'prepare-run' ? crash('PrepareCrashed', 'the suite could not be read') : undefined,
      );

      // Assess
      expect(execution).toMatchObject({ status: 'FAILED', error: 'TestRunErrored' });
      const run = await runOf(runId);
      expect(run).toMatchObject({
        status: 'errored',
        failureReason: 'PrepareCrashed: the suite could not be read',
        startedAt: null,
      });
      expect(callsOf('prepare-run', runId)).toHaveLength(3);
      expect(typesOf(await eventsEndingWith(runId, 'Test Run Failed'))).toEqual(['Test Run Failed']);
    });

    it('SummarizeRun, retried twice, → FailRun: the run errored with the reason, its cases’ results kept', async () => {
      // Prepare
      const first = await apiCase('Ran before the summary');
      const second = await loadCase('Load ran before the summary');
      const runId = await queuedRun([first, second]);

      // Act
      const execution = await execute(runId, (task) =>
        task === 'summarize-run' ? crash('SummaryCrashed', 'the results could not be sealed') : undefined,
      );

      // Assess
      expect(execution).toMatchObject({ status: 'FAILED', error: 'TestRunErrored' });
      const run = await runOf(runId);
      expect(run).toMatchObject({
        status: 'errored',
        failureReason: 'SummaryCrashed: the results could not be sealed',
        summary: null,
      });
      expect(resultOf(run, first)?.status).toBe('passed');
      expect(resultOf(run, second)?.status).toBe('passed');
      expect(callsOf('summarize-run', runId)).toHaveLength(3);
      const events = await eventsEndingWith(runId, 'Test Run Failed');
      expect(typesOf(events)).toEqual(['Test Run Started', 'Test Run Failed']);
      expect(events[1]?.detail.data).toMatchObject({ reason: 'SummaryCrashed: the results could not be sealed' });
    });

    it('PrepareRun on a run that already finished (TestRunNotActive): not retried, FailRun leaves the run as it is', async () => {
      // Prepare: a run that passed; a second execution of it.
      const fine = await apiCase('Passed already');
      const runId = await queuedRun([fine]);
      expect((await execute(runId)).status).toBe('SUCCEEDED');
      const passed = await runOf(runId);
      expect(passed.status).toBe('passed');
      const before = calls.length;

      // Act
      const execution = await execute(runId, undefined, `${runId}-again`);

      // Assess
      expect(execution).toMatchObject({ status: 'FAILED', error: 'TestRunErrored' });
      expect(JSON.parse(execution.cause!)).toMatchObject({
        errorType: 'TestRunNotActive',
        errorMessage: `Test run ${runId} is passed`,
      });
      expect(await runOf(runId)).toEqual(passed);
      const again = calls.slice(before);
      expect(again.map((call) => call.task)).toEqual(['prepare-run', 'fail-run']);
      expect(typesOf(await runEvents(runId))).toEqual(['Test Run Started', 'Test Run Completed']);
    });

    it('FailRun, retried three times, → RunErrored: the execution fails with the cause, the run is left to ReconcileTestRun', async () => {
      // Prepare
      const fine = await apiCase('Never run either');
      const runId = await queuedRun([fine]);
      const message = 'The run has 1001 executable cases; a run executes at most 1000';

      // Act
      const execution = await execute(runId, (task) => {
        if (task === 'prepare-run') return new TooManyCases(message);
        if (task === 'fail-run') return crash('FailRunCrashed', 'the table is gone');
        return undefined;
      });

      // Assess: the execution names the run's own failure, not FailRun's.
      expect(execution).toMatchObject({ status: 'FAILED', error: 'TestRunErrored' });
      expect(JSON.parse(execution.cause!)).toMatchObject({ errorType: 'TooManyCases', errorMessage: message });
      expect(callsOf('fail-run', runId)).toHaveLength(4);
      expect(await runOf(runId)).toMatchObject({ status: 'queued', failureReason: null });
      expect(await runEvents(runId)).toEqual([]);
    });
  });
});
