import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '#infra/config/paths';
import { DEFAULT_TIMEOUTS } from '#infra/constructs/trellis-function';
import type { WorkflowsStack } from '#infra/constructs/workflows';
import { ENV, stateMachineArnEnv } from '#shared/config/env';
import { STATE_MACHINES } from '#shared/workflows/state-machines';
import {
  expectTracedLoggingToOwnGroup,
  stateMachineOf,
  taskFunctionOf,
  validateAsl,
} from './support/state-machines.ts';
import { SYNTH_TIMEOUT_MS, type SynthesizedStage, synthesizeStage } from './support/synth.ts';
import { actionsOf, type CfnResource, getAttOf, statementsOfRole, variablesOf } from './support/templates.ts';

const ID = 'TestRun';
const definition = STATE_MACHINES.find((candidate) => candidate.id === ID)!;

type State = Record<string, unknown> & { Type: string };
interface Machine {
  States: Record<string, State>;
  TimeoutSeconds?: number;
}

/** Every state of a machine with the path to it, Map item processors and Parallel branches included. */
function statesOf(machine: Machine, path: string[] = []): { path: string; state: State }[] {
  return Object.entries(machine.States).flatMap(([name, state]) => {
    const here = [...path, name];
    const nested = [
      ...((state.ItemProcessor ?? state.Iterator) ? [(state.ItemProcessor ?? state.Iterator) as Machine] : []),
      ...((state.Branches as Machine[] | undefined) ?? []),
    ];
    return [{ path: here.join(' › '), state }, ...nested.flatMap((inner) => statesOf(inner, here))];
  });
}

const DYNAMODB_WRITES = ['dynamodb:BatchWriteItem', 'dynamodb:DeleteItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'];

describe('TestRun: statemachines/test-run.asl.json', () => {
  const asl = JSON.parse(readFileSync(join(REPO_ROOT, definition.definitionFile), 'utf8')) as Machine;
  const states = statesOf(asl);

  it('is valid ASL (asl-validator)', () => {
    const { isValid, errorsText } = validateAsl(structuredClone(asl));
    expect(isValid, errorsText('\n')).toBe(true);
  });

  it('bounds every Map: MaxConcurrency set and above 0 (0 would mean unbounded)', () => {
    const maps = states.filter(({ state }) => state.Type === 'Map');
    expect(maps.map(({ path }) => path)).toEqual(['RunCases', 'RunCases › RunLoadShares']);
    for (const { path, state } of maps) {
      expect(state.MaxConcurrency, path).toEqual(expect.any(Number));
      expect(state.MaxConcurrency as number, path).toBeGreaterThan(0);
      expect(state.MaxConcurrencyPath, path).toBeUndefined();
    }
  });

  it('gives every Task, nested ones included, a Retry on Lambda service errors and a Catch of everything', () => {
    const tasks = states.filter(({ state }) => state.Type === 'Task');
    expect(tasks).toHaveLength(8);
    for (const { path, state } of tasks) {
      const retried = (state.Retry as { ErrorEquals: string[] }[] | undefined)?.flatMap((rule) => rule.ErrorEquals);
      expect(retried, path).toEqual(
        expect.arrayContaining(['Lambda.ServiceException', 'Lambda.TooManyRequestsException']),
      );
      const caught = (state.Catch as { ErrorEquals: string[] }[] | undefined)?.flatMap((rule) => rule.ErrorEquals);
      expect(caught, path).toContain('States.ALL');
    }
  });

  it('sends whatever breaks the run to FailRun, and a case whose task breaks to RecordCaseError', () => {
    const catchTargets = (name: string) =>
      (states.find(({ path }) => path.endsWith(name))!.state.Catch as { Next: string }[]).map((rule) => rule.Next);
    for (const name of ['PrepareRun', 'RunCases', 'SummarizeRun'])
      expect(catchTargets(name), name).toEqual(['FailRun']);
    for (const name of ['ExecuteCase', 'PlanLoad', 'RunLoadShares', 'MergeLoad']) {
      expect(catchTargets(name), name).toEqual(['RecordCaseError']);
    }
    expect(catchTargets('FailRun')).toEqual(['RunErrored']);
    expect(asl.States.RunErrored).toMatchObject({ Type: 'Fail', Error: 'TestRunErrored' });
  });

  it('retries any task failure, with backoff and a bound, on the idempotent tasks only: never a case or a load share', () => {
    // Prepare
    interface Retrier {
      ErrorEquals: string[];
      MaxAttempts?: number;
      IntervalSeconds?: number;
      BackoffRate?: number;
    }
    /** The retrier Step Functions applies to an error of this name: the first that matches it. */
    const retrierFor = (name: string, error: string): Retrier | undefined =>
      (states.find(({ path }) => path.split(' › ').pop() === name)!.state.Retry as Retrier[]).find((retrier) =>
        retrier.ErrorEquals.some((equals) => [error, 'States.TaskFailed', 'States.ALL'].includes(equals)),
      );
    const tasks = states.filter(({ state }) => state.Type === 'Task').map(({ path }) => path.split(' › ').pop()!);

    // Assess: a plain thrown error (a throttled table, a dropped connection)
    const retried = tasks.filter((name) => retrierFor(name, 'Error') !== undefined);
    expect(retried.sort()).toEqual(['FailRun', 'MergeLoad', 'PrepareRun', 'SummarizeRun']);
    for (const name of retried) {
      const retrier = retrierFor(name, 'Error')!;
      expect(retrier.MaxAttempts, name).toBeGreaterThanOrEqual(1);
      expect(retrier.MaxAttempts, name).toBeLessThanOrEqual(3);
      expect(retrier.IntervalSeconds, name).toBeGreaterThanOrEqual(1);
      expect(retrier.BackoffRate, name).toBeGreaterThan(1);
    }
    for (const name of ['ExecuteCase', 'RunLoadShare']) expect(retrierFor(name, 'Error'), name).toBeUndefined();
    // Assess: errors no retry mends end the task at once
    for (const [name, error] of [
      ['PrepareRun', 'TooManyCases'],
      ['PrepareRun', 'TestRunNotActive'],
      ['MergeLoad', 'TestRunNotActive'],
      ['SummarizeRun', 'TestRunNotActive'],
    ] as const) {
      expect(retrierFor(name, error)?.MaxAttempts, `${name} ${error}`).toBe(0);
    }
    // Assess: FailRun broken past its retries still fails the execution (ReconcileTestRun's cue)
    expect(asl.States.FailRun!.Catch).toEqual([
      expect.objectContaining({ ErrorEquals: ['States.ALL'], Next: 'RunErrored' }),
    ]);
  });

  it('routes cases by type: performance to PlanLoad, the rest to ExecuteCase', () => {
    const route = states.find(({ path }) => path === 'RunCases › RouteCase')!.state;
    expect(route).toMatchObject({
      Type: 'Choice',
      Choices: [{ Variable: '$.type', StringEquals: 'performance', Next: 'PlanLoad' }],
      Default: 'ExecuteCase',
    });
  });

  it('gives every task Lambda a timeout below its state TimeoutSeconds, and the machine a timeout', () => {
    expect(asl.TimeoutSeconds).toBeGreaterThan(0);
    const share = states.find(({ path }) => path.endsWith('RunLoadShare'))!.state;
    expect(share.TimeoutSeconds as number).toBeGreaterThan(definition.tasks.RunLoadShareFunction!.timeoutSeconds!);
    // A share runs up to 300 s of load (TEST_CASE_LIMITS.durationSeconds.max) before the Lambda times out.
    expect(definition.tasks.RunLoadShareFunction!.timeoutSeconds).toBeGreaterThanOrEqual(330);
  });
});

describe('TestRun: the CDK machine', () => {
  let synth: SynthesizedStage;
  let stack: WorkflowsStack;
  let template: Template;

  beforeAll(() => {
    synth = synthesizeStage('dev');
    stack = synth.stack.workflows!;
    template = synth.workflows!;
  }, SYNTH_TIMEOUT_MS);

  const machine = (): CfnResource => stateMachineOf(template, ID);
  const taskFunction = (task: string): CfnResource => taskFunctionOf(stack, template, ID, task);

  it('is a STANDARD machine logging ALL with execution data to its own log group, traced', () => {
    expectTracedLoggingToOwnGroup(stack, template, ID);
  });

  it('lets its role invoke exactly its 7 task Lambdas and call nothing else', () => {
    const statements = statementsOfRole(template, getAttOf(machine().Properties.RoleArn));
    const nonLogging = statements.filter((statement) => statement.Resource !== '*');
    expect(nonLogging).toHaveLength(1);
    expect(actionsOf(nonLogging[0]!)).toEqual(['lambda:InvokeFunction']);
    expect((nonLogging[0]!.Resource as unknown[]).map(getAttOf).sort()).toEqual(
      Object.keys(definition.tasks)
        .map((task) => taskFunction(task).logicalId)
        .sort(),
    );
    expect(statements.flatMap(actionsOf).filter((action) => action.includes('*'))).toEqual([]);
  });

  it.each(Object.entries(definition.tasks))(
    '%s gets only what it declares: the table (read or read-write), the bus if it publishes, no state machine',
    (task, { access }) => {
      // Prepare
      const fn = taskFunction(task);
      const actions = statementsOfRole(template, getAttOf(fn.Properties.Role)).flatMap(actionsOf);
      const variables = variablesOf(fn);

      // Assess: table
      expect(variables[ENV.tableName]).toEqual({ Ref: 'TableName' });
      expect(actions).toContain('dynamodb:GetItem');
      const writes = actions.filter((action) => DYNAMODB_WRITES.includes(action));
      if (access.table === 'read') expect(writes, task).toEqual([]);
      else expect(writes.sort(), task).toEqual(DYNAMODB_WRITES);
      // Assess: events
      expect(actions.includes('events:PutEvents'), task).toBe(access.events === true);
      expect(variables[ENV.eventBusName] !== undefined, task).toBe(access.events === true);
      // Assess: nothing else of the platform
      expect(
        actions.filter((action) => /^(states|s3|cognito-idp|lambda):/.test(action)),
        task,
      ).toEqual([]);
      expect(Object.keys(variables).filter((name) => name.startsWith('STATE_MACHINE_ARN_'))).toEqual([]);
      expect(variables[stateMachineArnEnv(ID)]).toBeUndefined();
      expect(actions.filter((action) => action.includes('*') && !action.startsWith('xray:'))).toEqual([]);
    },
  );

  it('only the tasks that record results or the run may write, and only prepare, summarize and fail publish', () => {
    const writers = Object.entries(definition.tasks)
      .filter(([, task]) => task.access.table === 'readWrite')
      .map(([name]) => name)
      .sort();
    const publishers = Object.entries(definition.tasks)
      .filter(([, task]) => task.access.events)
      .map(([name]) => name)
      .sort();
    expect(writers).toEqual([
      'ExecuteCaseFunction',
      'FailRunFunction',
      'MergeLoadFunction',
      'PlanLoadFunction',
      'PrepareRunFunction',
      'SummarizeRunFunction',
    ]);
    expect(publishers).toEqual(['FailRunFunction', 'PrepareRunFunction', 'SummarizeRunFunction']);
  });

  it('sizes each task Lambda from its definition: load shares get 360 s and a full vCPU, the rest the workflow default or their own timeout', () => {
    for (const [task, { timeoutSeconds, memoryMb }] of Object.entries(definition.tasks)) {
      expect(taskFunction(task).Properties, task).toMatchObject({
        Timeout: timeoutSeconds ?? DEFAULT_TIMEOUTS.workflow.toSeconds(),
        MemorySize: memoryMb ?? 1024,
      });
    }
    expect(taskFunction('RunLoadShareFunction').Properties).toMatchObject({ Timeout: 360, MemorySize: 1769 });
  });
});
