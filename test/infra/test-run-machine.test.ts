import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { CfnElement } from 'aws-cdk-lib';
import type { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_TIMEOUTS, REPO_ROOT } from '#infra/constructs/trellis-function';
import type { WorkflowsStack } from '#infra/constructs/workflows';
import { ENV, stateMachineArnEnv } from '#shared/config/env';
import { STATE_MACHINES } from '#shared/workflows/state-machines';
import { type SynthesizedStage, synthesizeStage } from './support/synth.ts';
import {
  actionsOf,
  type CfnResource,
  getAttOf,
  type PolicyStatement,
  refOf,
  resourceById,
  resourcesOf,
  statementsOf,
} from './support/templates.ts';

// asl-validator ships no type declarations.
const aslValidator = createRequire(import.meta.url)('asl-validator') as (definition: unknown) => {
  isValid: boolean;
  errorsText: (separator?: string) => string;
};

const SYNTH_TIMEOUT_MS = 120_000;
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
    const { isValid, errorsText } = aslValidator(structuredClone(asl));
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

  const idOf = (construct: { node: { defaultChild?: unknown } }) =>
    stack.getLogicalId(construct.node.defaultChild as CfnElement);
  const machine = (): CfnResource => {
    const machines = resourcesOf(template, 'AWS::StepFunctions::StateMachine').filter(
      (candidate) => candidate.Properties.StateMachineName === `trellis-dev-${ID}`,
    );
    expect(machines).toHaveLength(1);
    return machines[0]!;
  };
  const taskFunction = (task: string): CfnResource =>
    resourceById(template, idOf(stack.workflows.get(ID)!.tasks.get(task)!.function));
  const statementsOfRole = (roleId: string): PolicyStatement[] => {
    const policies = resourcesOf(template, 'AWS::IAM::Policy').filter((policy) =>
      (policy.Properties.Roles as unknown[]).some((role) => refOf(role) === roleId),
    );
    expect(policies).toHaveLength(1);
    return statementsOf(policies[0]!);
  };
  const variablesOf = (fn: CfnResource) =>
    (fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables;

  it('is a STANDARD machine logging ALL with execution data to its own log group, traced', () => {
    const { Properties } = machine();
    expect(Properties).toMatchObject({
      StateMachineType: 'STANDARD',
      TracingConfiguration: { Enabled: true },
      LoggingConfiguration: { Level: 'ALL', IncludeExecutionData: true },
    });
    const [destination] = (Properties.LoggingConfiguration as { Destinations: unknown[] }).Destinations as {
      CloudWatchLogsLogGroup: { LogGroupArn: unknown };
    }[];
    expect(getAttOf(destination?.CloudWatchLogsLogGroup.LogGroupArn)).toBe(idOf(stack.workflows.get(ID)!.logGroup));
  });

  it('lets its role invoke exactly its 7 task Lambdas and call nothing else', () => {
    const statements = statementsOfRole(getAttOf(machine().Properties.RoleArn));
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
      const actions = statementsOfRole(getAttOf(fn.Properties.Role)).flatMap(actionsOf);
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
