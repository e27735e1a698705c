import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DescribeExecutionCommand,
  type DescribeExecutionCommandOutput,
  GetExecutionHistoryCommand,
  type HistoryEvent,
  ListExecutionsCommand,
  SendTaskFailureCommand,
  SendTaskHeartbeatCommand,
  SendTaskSuccessCommand,
  SFNClient,
  StartExecutionCommand,
  StopExecutionCommand,
} from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { StateMachineDefinition, WorkflowTask } from '#shared/workflows/state-machines';
import { applyHandlerEnvironment, handlerEnvironment } from '../../scripts/local/aws-env.ts';
import type { ServiceEvent } from '../../scripts/local/event-bus.ts';
import { createHandlerLoader, wrapHandler } from '../../scripts/local/lambda-runtime.ts';
import type { Logger } from '../../scripts/local/log.ts';
import {
  legacyExecutionArn,
  loadStateMachines,
  renderDefinition,
  stateMachineArn,
} from '../../scripts/local/step-functions/definitions.ts';
import { createTaskToken } from '../../scripts/local/step-functions/task-tokens.ts';
import { type Invocation, readJournal } from '../fixtures/statemachines/handlers/journal.ts';
import { pollUntil, readPublishedEvents } from '../support/client.ts';
import {
  closed,
  type LocalEngine,
  SILENT_LOG,
  stackResourceNames,
  startExecution,
  startLocalEngine,
} from '../support/step-functions.ts';

const aslValidator = createRequire(import.meta.url)('asl-validator') as (
  definition: unknown,
  options?: { checkArn?: boolean; checkPaths?: boolean },
) => { isValid: boolean; errorsText(separator?: string): string };

const endpoints = inject('endpoints');
const resources = inject('resources');
const stackDataDir = inject('dataDir');

const FIXTURES = 'test/fixtures/statemachines';
const task = (handler: string): WorkflowTask => ({ handler: `${FIXTURES}/handlers/${handler}`, access: {} });

const DEFINITIONS: StateMachineDefinition[] = [
  {
    id: 'GreetingChain',
    definitionFile: `${FIXTURES}/greeting-chain.asl.json`,
    tasks: { Greet: task('greet.ts'), Shout: task('shout.ts') },
  },
  {
    id: 'RetryAndCatch',
    definitionFile: `${FIXTURES}/retry-and-catch.asl.json`,
    tasks: { FlakyService: task('flaky-service.ts'), RecordFailure: task('record-failure.ts') },
  },
  {
    id: 'ApprovalFlow',
    definitionFile: `${FIXTURES}/approval-flow.asl.json`,
    tasks: {
      Prepare: task('prepare.ts'),
      RequestApproval: task('request-approval.ts'),
      Deploy: task('deploy.ts'),
      RecordFailure: task('record-failure.ts'),
    },
  },
  {
    id: 'CallbackTimeouts',
    definitionFile: `${FIXTURES}/callback-timeouts.asl.json`,
    tasks: { RequestApproval: task('request-approval.ts') },
  },
  {
    id: 'NestedParent',
    definitionFile: `${FIXTURES}/nested-parent.asl.json`,
    tasks: {},
    stateMachines: { Child: 'NestedChild' },
  },
  { id: 'NestedChild', definitionFile: `${FIXTURES}/nested-child.asl.json`, tasks: { Double: task('double.ts') } },
  {
    id: 'RecordAndAnnounce',
    definitionFile: `${FIXTURES}/record-and-announce.asl.json`,
    tasks: {},
    resources: { Table: 'tableName', EventBus: 'eventBusName' },
  },
];

const resourceNames = stackResourceNames();

/** A Step Functions endpoint of its own on `dataDir`, serving the fixture machines, and a client for it. */
const startEngine = (dataDir: string, options: Partial<Parameters<typeof startLocalEngine>[1]> = {}) =>
  startLocalEngine(dataDir, { definitions: DEFINITIONS, ...options });

let workDir: string;
let engine: LocalEngine;
let sfn: SFNClient;

beforeAll(async () => {
  // Task handlers and the DynamoDB/EventBridge integrations run in this process, against the shared stack.
  applyHandlerEnvironment(handlerEnvironment(endpoints, resources, 'WARN'));
  workDir = await mkdtemp(join(tmpdir(), 'trellis-sfn-'));
  engine = await startEngine(join(workDir, 'shared-engine'));
  sfn = engine.client;
});

afterAll(async () => {
  await engine?.stop();
  await rm(workDir, { recursive: true, force: true });
});

/** A fresh journal file for the fixture handlers of one test. */
async function newJournal(): Promise<string> {
  const directory = join(workDir, 'journals');
  await mkdir(directory, { recursive: true });
  return join(directory, `${randomUUID()}.jsonl`);
}

async function historyOf(client: SFNClient, executionArn: string): Promise<HistoryEvent[]> {
  return (await client.send(new GetExecutionHistoryCommand({ executionArn }))).events ?? [];
}

/** The token RequestApproval was given, once the task has handed it out (its TaskSubmitted is recorded). */
async function pendingToken(client: SFNClient, executionArn: string, journal: string): Promise<string> {
  await pollUntil(async () => (await historyOf(client, executionArn)).some((event) => event.type === 'TaskSubmitted'), {
    description: 'the callback task to be submitted',
  });
  const invocation = (await readJournal(journal)).find(({ task }) => task === 'RequestApproval') as Invocation;
  return invocation.event.token as string;
}

const tasksIn = (journal: Invocation[]) => journal.map(({ task }) => task);
const timeOf = (event: HistoryEvent | undefined) => event?.timestamp?.getTime() ?? Number.NaN;
const output = (execution: DescribeExecutionCommandOutput) => JSON.parse(execution.output ?? 'null');

describe('local Step Functions: definitions', () => {
  it('serves fixture definitions that asl-validator accepts once their substitutions are applied', async () => {
    for (const definition of DEFINITIONS) {
      // Prepare
      const asl = await renderDefinition(definition, DEFINITIONS, resourceNames);

      // Act
      const result = aslValidator(asl, { checkArn: true, checkPaths: true });

      // Assess
      expect(result.isValid, `${definition.id}: ${result.errorsText()}`).toBe(true);
      expect(JSON.stringify(asl)).not.toMatch(/\$\{\w+\}/);
    }
  });

  it('refuses to start with a task resource it cannot run, naming the resource', async () => {
    // Prepare
    const root = join(workDir, 'unsupported');
    await mkdir(root, { recursive: true });
    const asl = {
      StartAt: 'Send',
      States: { Send: { Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage', End: true } },
    };
    await writeFile(join(root, 'queue.asl.json'), JSON.stringify(asl));

    // Act
    const loading = loadStateMachines(
      [{ id: 'Queue', definitionFile: 'queue.asl.json', tasks: {} }],
      resourceNames,
      root,
    );

    // Assess
    await expect(loading).rejects.toThrow(/Queue .*arn:aws:states:::sqs:sendMessage is not supported/);
  });
});

describe('local Step Functions: Lambda tasks', () => {
  it('runs a chain of Lambda tasks and answers with the last one’s output', async () => {
    // Prepare
    const journal = await newJournal();

    // Act
    const executionArn = await startExecution(sfn, 'GreetingChain', { name: 'Ada', journal });
    const execution = await closed(sfn, executionArn);

    // Assess
    expect(execution.status).toBe('SUCCEEDED');
    expect(output(execution)).toEqual({ message: 'HELLO, ADA!' });
    expect(tasksIn(await readJournal(journal))).toEqual(['Greet', 'Shout']);
  });

  it('records every state transition and task event in the execution history, in order', async () => {
    // Prepare
    const executionArn = await startExecution(sfn, 'GreetingChain', { name: 'Grace', journal: await newJournal() });
    await closed(sfn, executionArn);

    // Act
    const events = await historyOf(sfn, executionArn);

    // Assess
    expect(events.map((event) => event.type)).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'TaskScheduled',
      'TaskStarted',
      'TaskSucceeded',
      'TaskStateExited',
      'TaskStateEntered',
      'LambdaFunctionScheduled',
      'LambdaFunctionStarted',
      'LambdaFunctionSucceeded',
      'TaskStateExited',
      'ExecutionSucceeded',
    ]);
    expect(events.map((event) => event.id)).toEqual(events.map((_, index) => index + 1));
    expect(events.map((event) => event.stateEnteredEventDetails?.name).filter(Boolean)).toEqual(['Greet', 'Shout']);
    const times = events.map((event) => timeOf(event));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(events[2]?.taskScheduledEventDetails).toMatchObject({ resourceType: 'lambda', resource: 'invoke' });
  });

  it('retries a task that fails twice with a transient error and succeeds on the third attempt', async () => {
    // Prepare
    const journal = await newJournal();

    // Act
    const executionArn = await startExecution(sfn, 'RetryAndCatch', { journal, failures: 2 });
    const execution = await closed(sfn, executionArn);

    // Assess
    expect(execution.status).toBe('SUCCEEDED');
    expect(output(execution)).toEqual({ attempts: 3 });
    expect(tasksIn(await readJournal(journal))).toEqual(['FlakyService', 'FlakyService', 'FlakyService']);
    const failures = (await historyOf(sfn, executionArn)).filter((event) => event.type === 'TaskFailed');
    expect(failures.map((event) => event.taskFailedEventDetails?.error)).toEqual(['TransientError', 'TransientError']);
  });

  it('catches an error Retry does not cover into the state that records it, with Lambda’s error as the cause', async () => {
    // Prepare
    const journal = await newJournal();

    // Act
    const executionArn = await startExecution(sfn, 'RetryAndCatch', {
      journal,
      failures: 1,
      errorName: 'ValidationError',
    });
    const execution = await closed(sfn, executionArn);

    // Assess
    expect(execution).toMatchObject({ status: 'FAILED', error: 'ValidationError' });
    const invocations = await readJournal(journal);
    expect(tasksIn(invocations)).toEqual(['FlakyService', 'RecordFailure']);
    const recorded = invocations[1]?.event.error as { Error: string; Cause: string };
    expect(recorded.Error).toBe('ValidationError');
    expect(JSON.parse(recorded.Cause)).toMatchObject({
      errorType: 'ValidationError',
      errorMessage: 'attempt 1 failed',
    });
  });
});

describe('local Step Functions: callback tasks (.waitForTaskToken)', () => {
  it('waits for SendTaskSuccess and continues with its output', async () => {
    // Prepare
    const journal = await newJournal();
    const executionArn = await startExecution(sfn, 'ApprovalFlow', { journal, pauseSeconds: 0 });
    const token = await pendingToken(sfn, executionArn, journal);
    expect((await sfn.send(new DescribeExecutionCommand({ executionArn }))).status).toBe('RUNNING');

    // Act
    await sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: JSON.stringify({ approvedBy: 'ada' }) }));
    const execution = await closed(sfn, executionArn);

    // Assess
    expect(execution.status).toBe('SUCCEEDED');
    expect(output(execution)).toEqual({ deployed: true, approvedBy: 'ada' });
    expect(tasksIn(await readJournal(journal))).toEqual(['Prepare', 'RequestApproval', 'Deploy']);
    const requested = (await readJournal(journal))[1]?.event;
    expect(requested).toMatchObject({ token, executionArn });
  });

  it('fails the task on SendTaskFailure, and Catch sees the error and cause', async () => {
    // Prepare
    const journal = await newJournal();
    const executionArn = await startExecution(sfn, 'ApprovalFlow', { journal, pauseSeconds: 0 });
    const token = await pendingToken(sfn, executionArn, journal);

    // Act
    await sfn.send(new SendTaskFailureCommand({ taskToken: token, error: 'Rejected', cause: 'Not on a Friday' }));
    const execution = await closed(sfn, executionArn);

    // Assess
    expect(execution).toMatchObject({ status: 'FAILED', error: 'DeploymentRejected', cause: 'Not on a Friday' });
    const recorded = (await readJournal(journal)).find(({ task }) => task === 'RecordFailure');
    expect(recorded?.event.error).toEqual({ Error: 'Rejected', Cause: 'Not on a Friday' });
  });

  it('times a callback out after TimeoutSecondsPath with States.Timeout, which States.TaskFailed does not catch', async () => {
    // Prepare
    const journal = await newJournal();

    // Act
    const executionArn = await startExecution(sfn, 'CallbackTimeouts', { journal, wait: 'timeout', timeoutSeconds: 1 });
    const execution = await closed(sfn, executionArn);

    // Assess
    expect(execution.status).toBe('SUCCEEDED');
    expect(output(execution).error).toMatchObject({ Error: 'States.Timeout' });
    const history = await historyOf(sfn, executionArn);
    expect(history.find((event) => event.type === 'TaskScheduled')?.taskScheduledEventDetails?.timeoutInSeconds).toBe(
      1,
    );
    expect(history.find((event) => event.type === 'TaskTimedOut')?.taskTimedOutEventDetails?.error).toBe(
      'States.Timeout',
    );
    const token = (await readJournal(journal))[0]?.event.token as string;
    await expect(sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: '{}' }))).rejects.toMatchObject({
      name: 'TaskTimedOut',
    });
  });

  it('keeps a callback alive while heartbeats arrive, and times it out HeartbeatSeconds after the last one', async () => {
    // Prepare
    const journal = await newJournal();
    const executionArn = await startExecution(sfn, 'CallbackTimeouts', { journal, wait: 'heartbeat' });
    const token = await pendingToken(sfn, executionArn, journal);
    const scheduled = (await historyOf(sfn, executionArn)).find((event) => event.type === 'TaskScheduled');
    const scheduledAt = timeOf(scheduled);

    // Act: heartbeats, back to back, for longer than HeartbeatSeconds (1 s).
    // The last heartbeat reached the engine no earlier than it was sent: its send time is the lower
    // bound (the time its answer came back is not, on a loaded machine).
    let lastHeartbeat = 0;
    while (Date.now() < scheduledAt + 1500) {
      const sentAt = Date.now();
      await sfn.send(new SendTaskHeartbeatCommand({ taskToken: token }));
      lastHeartbeat = sentAt;
    }
    const execution = await closed(sfn, executionArn);

    // Assess
    expect(output(execution).error).toMatchObject({ Error: 'States.HeartbeatTimeout' });
    const timedOut = (await historyOf(sfn, executionArn)).find((event) => event.type === 'TaskTimedOut');
    expect(timeOf(timedOut)).toBeGreaterThanOrEqual(lastHeartbeat + 900);
    await expect(sfn.send(new SendTaskHeartbeatCommand({ taskToken: token }))).rejects.toMatchObject({
      name: 'TaskTimedOut',
    });
  });

  it('aborts an execution on StopExecution and refuses its token afterwards', async () => {
    // Prepare
    const journal = await newJournal();
    const executionArn = await startExecution(sfn, 'ApprovalFlow', { journal, pauseSeconds: 0 });
    const token = await pendingToken(sfn, executionArn, journal);

    // Act
    await sfn.send(
      new StopExecutionCommand({ executionArn, error: 'Cancelled', cause: 'Superseded by a newer release' }),
    );

    // Assess
    const execution = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    expect(execution).toMatchObject({ status: 'ABORTED', error: 'Cancelled', cause: 'Superseded by a newer release' });
    expect(execution.stopDate).toBeInstanceOf(Date);
    await expect(sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: '{}' }))).rejects.toMatchObject({
      name: 'TaskTimedOut',
    });
    expect((await historyOf(sfn, executionArn)).at(-1)?.type).toBe('ExecutionAborted');
    expect(tasksIn(await readJournal(journal))).toEqual(['Prepare', 'RequestApproval']);
  });
});

describe('local Step Functions: nested executions (startExecution.sync:2)', () => {
  it('runs the child on the same endpoint and continues with its output', async () => {
    // Act
    const executionArn = await startExecution(sfn, 'NestedParent', { value: 21, journal: await newJournal() });
    const execution = await closed(sfn, executionArn);

    // Assess
    expect(execution.status).toBe('SUCCEEDED');
    const { doubled, childArn } = output(execution);
    expect(doubled).toBe(42);
    const child = await sfn.send(new DescribeExecutionCommand({ executionArn: childArn }));
    expect(child.status).toBe('SUCCEEDED');
    expect(JSON.parse(child.input ?? '{}')).toMatchObject({ AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID: executionArn });
  });

  it('fails the parent’s task with States.TaskFailed, carrying the child’s error and cause', async () => {
    // Act
    const executionArn = await startExecution(sfn, 'NestedParent', { value: -1, journal: await newJournal() });
    const execution = await closed(sfn, executionArn);

    // Assess
    expect(output(execution)).toMatchObject({
      error: 'States.TaskFailed',
      child: { Status: 'FAILED', Error: 'NegativeValue', Cause: 'The value must not be negative' },
    });
  });
});

describe('local Step Functions: DynamoDB and EventBridge integrations', () => {
  it('puts, updates, reads and deletes an item in DynamoDB Local, and publishes to the local bus', async () => {
    // Prepare
    const id = randomUUID();

    // Act
    const executionArn = await startExecution(sfn, 'RecordAndAnnounce', { id });
    const execution = await closed(sfn, executionArn);

    // Assess
    expect(execution.status, execution.cause).toBe('SUCCEEDED');
    expect(output(execution)).toMatchObject({
      duplicate: { Error: 'DynamoDB.ConditionalCheckFailedException' },
      updated: { count: '2' },
      read: { count: '2' },
      announced: { failed: 0 },
      deleted: { count: '2' },
    });
    const published = await pollUntil(async () =>
      (await readPublishedEvents(stackDataDir)).find((event) => event.detail.id === id),
    );
    expect(published).toMatchObject({
      source: 'trellis.test',
      'detail-type': 'Record Counted',
      detail: { count: '2' },
    });
  });
});

describe('local Step Functions: the API', () => {
  it('starts an execution idempotently by name and input, and refuses the name with another input', async () => {
    // Prepare
    const journal = await newJournal();
    const input = { journal, pauseSeconds: 0 };
    const name = `release-${randomUUID()}`;
    const first = await startExecution(sfn, 'ApprovalFlow', input, name);

    // Act
    const again = await startExecution(sfn, 'ApprovalFlow', input, name);
    const conflicting = startExecution(sfn, 'ApprovalFlow', { ...input, pauseSeconds: 5 }, name);

    // Assess
    expect(again).toBe(first);
    await expect(conflicting).rejects.toMatchObject({ name: 'ExecutionAlreadyExists' });
    await sfn.send(new StopExecutionCommand({ executionArn: first }));
  });

  it('lists a state machine’s executions, newest first, filtered by status', async () => {
    // Prepare
    const journal = await newJournal();
    const older = await startExecution(sfn, 'ApprovalFlow', { journal, pauseSeconds: 0 });
    const newer = await startExecution(sfn, 'ApprovalFlow', { journal, pauseSeconds: 0 });
    await sfn.send(new StopExecutionCommand({ executionArn: older }));
    const list = async (statusFilter: 'RUNNING' | 'ABORTED') =>
      (
        await sfn.send(new ListExecutionsCommand({ stateMachineArn: stateMachineArn('ApprovalFlow'), statusFilter }))
      ).executions?.map((execution) => execution.executionArn);

    // Act
    const running = await list('RUNNING');
    const aborted = await list('ABORTED');

    // Assess
    expect(running).toContain(newer);
    expect(running).not.toContain(older);
    expect(aborted).toContain(older);
    const all = (await sfn.send(new ListExecutionsCommand({ stateMachineArn: stateMachineArn('ApprovalFlow') })))
      .executions;
    expect(all?.findIndex((execution) => execution.executionArn === newer)).toBeLessThan(
      all?.findIndex((execution) => execution.executionArn === older) as number,
    );
    await sfn.send(new StopExecutionCommand({ executionArn: newer }));
  });

  it('answers bad requests with the errors AWS uses', async () => {
    const unknownExecution = `${stateMachineArn('GreetingChain').replace(':stateMachine:', ':execution:')}:nope`;
    const cases: Array<[Promise<unknown>, string]> = [
      [sfn.send(new DescribeExecutionCommand({ executionArn: unknownExecution })), 'ExecutionDoesNotExist'],
      [sfn.send(new StartExecutionCommand({ stateMachineArn: stateMachineArn('Nope') })), 'StateMachineDoesNotExist'],
      [sfn.send(new StartExecutionCommand({ stateMachineArn: 'not-an-arn' })), 'InvalidArn'],
      [
        sfn.send(new StartExecutionCommand({ stateMachineArn: stateMachineArn('GreetingChain'), name: 'a b' })),
        'InvalidName',
      ],
      [
        sfn.send(new StartExecutionCommand({ stateMachineArn: stateMachineArn('GreetingChain'), input: '{' })),
        'InvalidExecutionInput',
      ],
      [sfn.send(new SendTaskSuccessCommand({ taskToken: 'not a token', output: '{}' })), 'InvalidToken'],
      [
        sfn.send(
          new SendTaskSuccessCommand({
            taskToken: createTaskToken({ executionArn: unknownExecution, taskKey: 'Task#0' }),
            output: '{}',
          }),
        ),
        'TaskDoesNotExist',
      ],
    ];
    for (const [request, error] of cases) await expect(request).rejects.toMatchObject({ name: error });
  });

  it('is served by the local stack, and a handler’s SFN client reaches it through the handler environment', async () => {
    // Prepare: a client configured like a handler's, from the environment (applied in beforeAll) only.
    const client = new SFNClient({});

    // Act
    const listing = client.send(new ListExecutionsCommand({ stateMachineArn: stateMachineArn('NotDeployed') }));

    // Assess: answered by the stack's endpoint, which serves STATE_MACHINES.
    await expect(listing).rejects.toMatchObject({ name: 'StateMachineDoesNotExist' });
    client.destroy();
  });
});

describe('local Step Functions: durability', () => {
  it('resumes an execution waiting for a callback after a restart, without running finished work again', async () => {
    // Prepare: an execution past Prepare and a 1 s Wait, waiting for its approval, when the engine stops.
    const dataDir = join(workDir, 'restart');
    const journal = await newJournal();
    const first = await startEngine(dataDir);
    const executionArn = await startExecution(first.client, 'ApprovalFlow', { journal, pauseSeconds: 1 });
    const token = await pendingToken(first.client, executionArn, journal);
    await first.stop();

    // Act: a new engine on the same folder, and the approval arrives.
    const second = await startEngine(dataDir);
    try {
      const resumedAt = Date.now();
      await second.client.send(
        new SendTaskSuccessCommand({ taskToken: token, output: JSON.stringify({ approvedBy: 'grace' }) }),
      );
      const execution = await closed(second.client, executionArn);

      // Assess
      expect(execution.status).toBe('SUCCEEDED');
      expect(output(execution)).toEqual({ deployed: true, approvedBy: 'grace' });
      expect(tasksIn(await readJournal(journal))).toEqual(['Prepare', 'RequestApproval', 'Deploy']);
      const history = await historyOf(second.client, executionArn);
      const entered = history.filter((event) => event.type?.endsWith('StateEntered'));
      expect(entered.map((event) => event.stateEnteredEventDetails?.name)).toEqual([
        'Prepare',
        'Pause',
        'RequestApproval',
        'Deploy',
      ]);
      // The Pause ended before the restart: the replay does not wait for it again.
      const succeededAt = timeOf(history.at(-1));
      expect(succeededAt - resumedAt).toBeLessThan(1000);
    } finally {
      await second.stop();
    }
  });
});

describe('local Step Functions: stopping while a task runs', () => {
  it('lets a task call in flight finish and records it, so the restart does not call the handler again', async () => {
    // Prepare: RequestApproval has done its work (journaled) but not returned when the engine stops.
    const dataDir = join(workDir, 'stop-mid-task');
    const journal = await newJournal();
    let release: () => void = () => {};
    const returned = new Promise<void>((resolve) => {
      release = resolve;
    });
    const loader = createHandlerLoader();
    const first = await startEngine(dataDir, {
      loadHandler: async (file) => {
        const loaded = await loader(file);
        if (!file.endsWith('request-approval.ts')) return loaded;
        return wrapHandler(async (event, context) => {
          const result = await loaded.handler(event, context);
          await returned;
          return result;
        });
      },
    });
    const executionArn = await startExecution(first.client, 'ApprovalFlow', { journal, pauseSeconds: 0 });
    await pollUntil(async () => tasksIn(await readJournal(journal)).includes('RequestApproval'), {
      description: 'RequestApproval to have run',
    });

    // Act: stop; once the endpoint is closed (the engine shuts down next), let the handler return;
    // then start again on the same folder and approve.
    const stopped = first.stop();
    await pollUntil(
      () =>
        fetch(first.stepFunctions.endpoint).then(
          () => false,
          () => true,
        ),
      { description: 'the endpoint to close' },
    );
    release();
    await stopped;
    const token = ((await readJournal(journal)).find(({ task }) => task === 'RequestApproval') as Invocation).event
      .token as string;
    const second = await startEngine(dataDir);
    try {
      await second.client.send(
        new SendTaskSuccessCommand({ taskToken: token, output: JSON.stringify({ approvedBy: 'grace' }) }),
      );
      const execution = await closed(second.client, executionArn);

      // Assess: one call of each task, RequestApproval's included.
      expect(execution.status).toBe('SUCCEEDED');
      expect(tasksIn(await readJournal(journal))).toEqual(['Prepare', 'RequestApproval', 'Deploy']);
      const history = await historyOf(second.client, executionArn);
      expect(history.filter((event) => event.type === 'TaskSubmitted')).toHaveLength(1);
    } finally {
      await second.stop();
    }
  });
});

describe('local Step Functions: status change events', () => {
  /** A machine whose execution times out after 1 s (TimeoutSeconds), waiting longer than that. */
  const STALLS: StateMachineDefinition = { id: 'Stalls', definitionFile: '', tasks: {} };
  let events: ServiceEvent[];
  let eventful: LocalEngine;

  beforeAll(async () => {
    const file = join(workDir, 'stalls.asl.json');
    await writeFile(
      file,
      JSON.stringify({
        TimeoutSeconds: 1,
        StartAt: 'Linger',
        States: { Linger: { Type: 'Wait', Seconds: 30, End: true } },
      }),
    );
    events = [];
    eventful = await startEngine(join(workDir, 'status-events'), {
      definitions: [...DEFINITIONS, { ...STALLS, definitionFile: file }],
      statusEvents: async (event) => {
        events.push(event);
      },
    });
  });
  afterAll(() => eventful?.stop());

  const eventOf = async (executionArn: string): Promise<ServiceEvent> =>
    (await pollUntil(() => events.find((event) => event.resources.includes(executionArn)), {
      description: `the status change of ${executionArn}`,
    })) as ServiceEvent;

  it('announces each end (SUCCEEDED, FAILED, TIMED_OUT, ABORTED) in the shape AWS puts on the default bus', async () => {
    // Prepare
    const client = eventful.client;
    const journal = await newJournal();
    const succeeded = await startExecution(client, 'GreetingChain', { name: 'Ada', journal });
    const failedJournal = await newJournal();
    const failed = await startExecution(client, 'ApprovalFlow', { journal: failedJournal, pauseSeconds: 0 });
    const aborted = await startExecution(client, 'ApprovalFlow', { journal: await newJournal(), pauseSeconds: 0 });
    const timedOut = await startExecution(client, 'Stalls', {});

    // Act
    await client.send(
      new SendTaskFailureCommand({
        taskToken: await pendingToken(client, failed, failedJournal),
        error: 'Rejected',
        cause: 'Not on a Friday',
      }),
    );
    await client.send(new StopExecutionCommand({ executionArn: aborted, error: 'Cancelled', cause: 'Superseded' }));

    // Assess
    const described = await closed(client, succeeded);
    const success = await eventOf(succeeded);
    expect(success).toEqual({
      source: 'aws.states',
      detailType: 'Step Functions Execution Status Change',
      resources: [succeeded],
      time: expect.any(Date),
      detail: {
        executionArn: succeeded,
        stateMachineArn: stateMachineArn('GreetingChain'),
        name: described.name,
        status: 'SUCCEEDED',
        startDate: described.startDate?.getTime(),
        stopDate: described.stopDate?.getTime(),
        input: JSON.stringify({ name: 'Ada', journal }),
        inputDetails: { included: true },
        output: described.output,
        outputDetails: { included: true },
        error: null,
        cause: null,
        redriveCount: 0,
      },
    });
    expect((await eventOf(failed)).detail).toMatchObject({
      status: 'FAILED',
      error: 'DeploymentRejected',
      cause: 'Not on a Friday',
      output: null,
      outputDetails: null,
      stopDate: expect.any(Number),
    });
    expect((await eventOf(aborted)).detail).toMatchObject({
      status: 'ABORTED',
      error: 'Cancelled',
      cause: 'Superseded',
    });
    expect((await eventOf(timedOut)).detail).toMatchObject({
      status: 'TIMED_OUT',
      stateMachineArn: stateMachineArn('Stalls'),
      error: 'States.Timeout',
    });
    // One event per end: nothing for the run itself, nothing twice.
    const mine = new Set([succeeded, failed, aborted, timedOut]);
    expect(events.filter((event) => mine.has(event.resources[0] as string))).toHaveLength(4);
  });

  it('never lets a bus that refuses the event change how the execution ended, and logs it', async () => {
    // Prepare
    const errors: string[] = [];
    const log: Logger = { ...SILENT_LOG, error: (message: string) => errors.push(message) };
    const refusing = await startEngine(join(workDir, 'refusing-bus'), {
      log,
      statusEvents: async () => {
        throw new Error('the bus is down');
      },
    });
    try {
      // Act
      const executionArn = await startExecution(refusing.client, 'GreetingChain', {
        name: 'Grace',
        journal: await newJournal(),
      });
      const execution = await closed(refusing.client, executionArn);

      // Assess
      expect(execution.status).toBe('SUCCEEDED');
      await pollUntil(() => errors.some((message) => message.includes(executionArn)), {
        description: 'the failed publish to be logged',
      });
    } finally {
      await refusing.stop();
    }
  });
});

describe('local Step Functions: executions stored under the old machine ARNs', () => {
  it('loads them under the stack-style ARNs, and still answers their old ARN and task tokens', async () => {
    // Prepare: an ApprovalFlow execution waiting for its approval, rewritten as stored before
    // local machines were named trellis-local-<id>.
    const dataDir = join(workDir, 'legacy-arns');
    const journal = await newJournal();
    const first = await startEngine(dataDir);
    const executionArn = await startExecution(first.client, 'ApprovalFlow', { journal, pauseSeconds: 0 });
    await pendingToken(first.client, executionArn, journal);
    await first.stop();
    const name = executionArn.split(':').at(-1) as string;
    const legacyArn = legacyExecutionArn('ApprovalFlow', name);
    const file = join(dataDir, 'stepfunctions', 'ApprovalFlow', `${encodeURIComponent(name)}.json`);
    const stored = JSON.parse(await readFile(file, 'utf8'));
    stored.executionArn = legacyArn;
    stored.stateMachineArn = stateMachineArn('ApprovalFlow').replace(':stateMachine:trellis-local-', ':stateMachine:');
    const legacyToken = createTaskToken({ executionArn: legacyArn, taskKey: 'RequestApproval#0' });
    stored.tasks['RequestApproval#0'].token = legacyToken;
    await writeFile(file, JSON.stringify(stored));

    // Act
    const second = await startEngine(dataDir);
    try {
      const byOldArn = await second.client.send(new DescribeExecutionCommand({ executionArn: legacyArn }));
      await second.client.send(
        new SendTaskSuccessCommand({ taskToken: legacyToken, output: JSON.stringify({ approvedBy: 'grace' }) }),
      );
      const execution = await closed(second.client, executionArn);

      // Assess
      expect(byOldArn).toMatchObject({ executionArn, stateMachineArn: stateMachineArn('ApprovalFlow') });
      expect(execution.status).toBe('SUCCEEDED');
      expect(tasksIn(await readJournal(journal))).toEqual(['Prepare', 'RequestApproval', 'Deploy']);
    } finally {
      await second.stop();
    }
  });
});
