import { randomUUID } from 'node:crypto';
import type { RunOptions } from 'aws-local-stepfunctions';
import { LOCAL_ACCOUNT_ID, LOCAL_REGION } from '../aws-env.ts';
import type { Logger } from '../log.ts';
import { executionArn, type LocalStateMachine, type LocalTaskState, stateMachineIdOf } from './definitions.ts';
import {
  type EngineEvent,
  type EventDetails,
  ExecutionHistory,
  fromEngineEvent,
  type TaskEventSink,
} from './history.ts';
import type { ServiceIntegrations } from './integrations.ts';
import { selectPath } from './json-path.ts';
import { ReplayJournal, waitDeadline } from './replay.ts';
import type { ExecutionRecord, ExecutionStatus, ParentTask, TaskJournalEntry, TaskOutcome } from './store.ts';
import { engineError, type Failure, TaskFailure } from './task-failure.ts';
import type { TaskResource } from './task-resources.ts';
import { createTaskToken } from './task-tokens.ts';

/** What an execution needs from the engine that runs it. */
export interface ExecutionHost {
  services: ServiceIntegrations;
  log: Logger;
  /** Persists the record; resolves once it is on disk. */
  save(record: ExecutionRecord): Promise<void>;
  /** An execution by ARN (for a startExecution task resuming after a restart). */
  execution(executionArn: string): ExecutionRecord | undefined;
  /** StartExecution, for startExecution tasks; rejects with the API's errors. */
  startExecution(request: {
    stateMachineArn: string;
    name: string;
    input: string;
    parent?: ParentTask;
  }): Promise<ExecutionRecord>;
  /** The execution has closed: succeeded, failed, timed out or was stopped. */
  closed(record: ExecutionRecord): void;
}

/** The role executions pretend to run as; history and the context object show it. */
const ROLE_ARN = `arn:aws:iam::${LOCAL_ACCOUNT_ID}:role/trellis-local-step-functions`;

/**
 * What `$$.Task.Token` evaluates to inside the engine, which has no task tokens: the task
 * integration swaps it for the occurrence's real token. The engine evaluates a task's
 * Parameters and calls our override in the same synchronous step, so the value itself
 * can be the same for every task.
 */
const TASK_TOKEN_PLACEHOLDER = 'local-step-functions:$$.Task.Token';

/** Node.js timers wait at most this long. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** `draining`: stopping, but calls already in flight still finish and are recorded. */
/** What a task that may not start answers the engine: nothing, until the run is suspended. */
const NEVER = new Promise<never>(() => {});

type Phase = 'running' | 'draining' | 'closed' | 'suspended';

/** A task occurrence in progress. */
interface LiveTask {
  events: TaskEvents;
  settle(outcome: TaskOutcome): void;
  timeout?: NodeJS.Timeout;
  heartbeat?: NodeJS.Timeout;
}

/**
 * One execution on the engine, with what aws-local-stepfunctions lacks supplied through its
 * override hooks: every Task goes through `runTask` (task tokens, service integrations,
 * nested executions, TimeoutSeconds and HeartbeatSeconds), Wait and Retry pauses through
 * the replay journal. For a record loaded after a restart the same run is a replay.
 */
export class ExecutionRun {
  private phase: Phase = 'running';
  private readonly journal: ReplayJournal;
  private readonly history: ExecutionHistory;
  private readonly live = new Map<string, LiveTask>();
  private readonly timers = new Set<NodeJS.Timeout>();
  /** Task calls (handler invocations, integrations) in flight. */
  private readonly calls = new Set<Promise<void>>();
  private abortEngine?: () => void;

  constructor(
    readonly record: ExecutionRecord,
    private readonly machine: LocalStateMachine,
    private readonly host: ExecutionHost,
  ) {
    this.journal = new ReplayJournal(record);
    this.history = new ExecutionHistory(record.history, () => this.saveInBackground());
    if (record.history.length === 0) {
      this.history.append('ExecutionStarted', {
        input: record.input,
        inputDetails: { truncated: false },
        roleArn: ROLE_ARN,
      });
    }
  }

  /** Runs the execution (a replay, for one recorded before a restart); returns at once. */
  start(): void {
    // Stopped between the restart and `resume`: nothing to run.
    if (this.phase !== 'running') return;
    const byStateName = <T>(lookup: (name: string) => T) =>
      new Proxy({}, { get: (_, name) => (typeof name === 'string' ? lookup(name) : undefined) });
    const run = this.machine.engine.run(JSON.parse(this.record.input), {
      overrides: {
        taskResourceLocalHandlers: byStateName((name) => (input: unknown) => this.runTask(name, input)),
        waitTimeOverrides: byStateName((name) => this.journal.waitOverride(name)),
        retryIntervalOverrides: byStateName((name) => this.journal.retryPause(name)),
      } as RunOptions['overrides'],
      noThrowOnAbort: true,
      context: {
        Execution: { Id: this.record.executionArn, Name: this.record.name, RoleArn: ROLE_ARN, RedriveCount: 0 },
        StateMachine: { Id: this.machine.arn, Name: this.machine.name },
        Task: { Token: TASK_TOKEN_PLACEHOLDER },
      },
    });
    this.abortEngine = run.abort;
    if (this.machine.timeoutSeconds !== undefined) {
      const seconds = this.machine.timeoutSeconds;
      this.at(this.record.startDate + seconds * 1000, () =>
        this.close('TIMED_OUT', { error: 'States.Timeout', cause: `The execution ran longer than ${seconds} seconds` }),
      );
    }
    const logged = this.logEngineEvents(run.eventLogs);
    void run.result
      .then(
        (output) => ({ output }),
        (error: unknown) => ({ error }),
      )
      // The log ends with the engine's last event; our closing event comes after it.
      .then(async (settled) => {
        await logged;
        if ('output' in settled) this.close('SUCCEEDED', { output: JSON.stringify(settled.output ?? null) });
        else this.close('FAILED', executionFailure(settled.error));
      })
      .catch((error: unknown) => this.host.log.error(`execution ${this.record.executionArn} could not close`, error));
  }

  /** StopExecution. */
  stop(failure: Partial<Failure>): void {
    this.close('ABORTED', failure);
  }

  /**
   * The engine is about to shut down: the task calls in flight finish and their results are
   * recorded (a handler that ran must not run again after the restart: it may have written and
   * published already), and no new one starts. Resolves once they have finished.
   */
  drain(): Promise<unknown> {
    if (this.phase === 'running') this.phase = 'draining';
    return Promise.allSettled([...this.calls]);
  }

  private get draining(): boolean {
    return this.phase === 'draining';
  }

  /** Whether what happens is still recorded: while running, and while draining. */
  private get recording(): boolean {
    return this.phase === 'running' || this.phase === 'draining';
  }

  /** The engine is shutting down: stop without recording anything, so a restart resumes the execution. */
  suspend(): void {
    if (!this.recording) return;
    this.phase = 'suspended';
    this.history.close();
    this.release();
  }

  /**
   * Settles a task occurrence, once: from its own call, a callback (SendTaskSuccess or
   * SendTaskFailure), a child execution or a timer. Works on the journal, so an outcome that
   * arrives while a replay has not reached the task yet is waiting there when it does.
   */
  completeTask(taskKey: string, outcome: TaskOutcome): boolean {
    const entry = this.record.tasks[taskKey];
    if (!this.recording || !entry || entry.outcome) return false;
    entry.outcome = outcome;
    const live = this.live.get(taskKey);
    this.live.delete(taskKey);
    this.cancel(live?.timeout);
    this.cancel(live?.heartbeat);
    (live?.events ?? this.taskEvents(entry, this.history.direct())).completed(outcome);
    live?.settle(outcome);
    return true;
  }

  /** SendTaskHeartbeat: the heartbeat timeout starts over. */
  heartbeat(taskKey: string): void {
    const entry = this.record.tasks[taskKey];
    if (!entry) return;
    entry.heartbeatAt = Date.now();
    const live = this.live.get(taskKey);
    if (live) this.armHeartbeat(taskKey, entry, live);
    this.saveInBackground();
  }

  /** Persists the record; a suspended run writes nothing (a new process may own the file by now). */
  async save(): Promise<void> {
    if (this.phase !== 'suspended') await this.host.save(this.record);
  }

  private saveInBackground(): void {
    this.save().catch((error: unknown) =>
      this.host.log.error(`could not save the execution ${this.record.executionArn}`, error),
    );
  }

  /** The engine's override for every Task state. Occurrence keys are taken synchronously, in call order. */
  private async runTask(stateName: string, input: unknown): Promise<unknown> {
    const task = this.machine.tasks.get(stateName) as LocalTaskState;
    // Map iterations run concurrently: their occurrences are told apart by their input.
    const key = this.journal.nextTaskKey(stateName, task.inMap ? input : undefined);
    const sink = this.history.openTaskSink(stateName);
    // Draining for a stop: nothing new starts; the restart's replay runs it (the run is suspended soon).
    if (this.draining) return NEVER;
    // After a stop the engine may still retry a task on its way out: nothing more may run.
    if (this.phase !== 'running') throw new Error(`execution ${this.phase}`);
    const recorded = this.record.tasks[key];
    if (recorded?.outcome) return this.raise(recorded.outcome);
    // A resumed occurrence was scheduled before the restart: its events are in the history already.
    const resumed = recorded !== undefined;
    const entry = recorded ?? this.schedule(key, stateName, await this.timeoutsOf(task, sink.stateInput));
    if (this.draining) {
      if (!resumed) delete this.record.tasks[key];
      return NEVER;
    }
    if (this.phase !== 'running') throw new Error(`execution ${this.phase}`);
    const parameters = entry.token === undefined ? input : withTaskToken(input, entry.token);
    const events = this.taskEvents(entry, sink);
    if (!resumed) events.scheduled(parameters, entry);
    const outcome = new Promise<TaskOutcome>((settle) => {
      const live: LiveTask = { events, settle };
      this.live.set(key, live);
      if (entry.timeoutSeconds !== undefined) {
        const seconds = entry.timeoutSeconds;
        live.timeout = this.at(entry.scheduledAt + seconds * 1000, () =>
          this.completeTask(key, {
            error: 'States.Timeout',
            cause: `The task did not finish within ${seconds} seconds`,
            timedOut: true,
          }),
        );
      }
      this.armHeartbeat(key, entry, live);
    });
    const call = this.perform(key, entry, task.resource, parameters, events);
    this.calls.add(call);
    void call.finally(() => this.calls.delete(call));
    return this.raise(await outcome);
  }

  /**
   * TimeoutSeconds and HeartbeatSeconds of an occurrence. A `…SecondsPath` selects them from
   * the state's input, which the override does not get (only the effective input, after
   * Parameters), so it waits for the engine's entered event to carry it.
   */
  private async timeoutsOf(
    task: LocalTaskState,
    stateInput: Promise<unknown>,
  ): Promise<Pick<TaskJournalEntry, 'timeoutSeconds' | 'heartbeatSeconds'>> {
    const { timeoutSecondsPath, heartbeatSecondsPath } = task;
    if (timeoutSecondsPath === undefined && heartbeatSecondsPath === undefined) {
      return { timeoutSeconds: task.timeoutSeconds, heartbeatSeconds: task.heartbeatSeconds };
    }
    const input = await stateInput;
    const select = async (path: string) => {
      const seconds = await selectPath(input, path).catch(() => undefined);
      if (!Number.isInteger(seconds) || (seconds as number) < 1) {
        throw await engineError({
          error: 'States.Runtime',
          cause: `${path} must select a positive integer, selected ${JSON.stringify(seconds)}`,
        });
      }
      return seconds as number;
    };
    return {
      timeoutSeconds: timeoutSecondsPath === undefined ? task.timeoutSeconds : await select(timeoutSecondsPath),
      heartbeatSeconds: heartbeatSecondsPath === undefined ? task.heartbeatSeconds : await select(heartbeatSecondsPath),
    };
  }

  private schedule(
    key: string,
    stateName: string,
    timeouts: Pick<TaskJournalEntry, 'timeoutSeconds' | 'heartbeatSeconds'>,
  ): TaskJournalEntry {
    const task = this.machine.tasks.get(stateName) as LocalTaskState;
    const entry: TaskJournalEntry = { state: stateName, scheduledAt: Date.now(), ...timeouts };
    if (task.resource.pattern === 'waitForTaskToken') {
      entry.token = createTaskToken({ executionArn: this.record.executionArn, taskKey: key });
    }
    this.record.tasks[key] = entry;
    return entry;
  }

  /** The task's call; its result settles the task unless a callback, child or timer must. */
  private async perform(
    key: string,
    entry: TaskJournalEntry,
    resource: TaskResource,
    parameters: unknown,
    events: TaskEvents,
  ): Promise<void> {
    try {
      if (resource.integration === 'states:startExecution') {
        await this.startChild(key, entry, resource, parameters, events);
        return;
      }
      // A callback task whose call was made before the restart: only the callback is awaited.
      if (entry.submittedAt !== undefined) return;
      const output = await this.host.services.call(resource, parameters);
      if (entry.outcome || !this.recording) return;
      if (resource.pattern === 'waitForTaskToken') {
        entry.submittedAt = Date.now();
        events.submitted(output);
        this.saveInBackground();
      } else {
        this.completeTask(key, { output });
      }
    } catch (error) {
      if (!(error instanceof TaskFailure)) {
        this.host.log.error(`task ${key} of ${this.record.executionArn} failed unexpectedly`, error);
      }
      const failure = error instanceof Error ? error : new Error(String(error));
      this.completeTask(key, { error: failure.name, cause: failure.message });
    }
  }

  /** startExecution(.sync[:2] | .waitForTaskToken): a child execution on this same engine. */
  private async startChild(
    key: string,
    entry: TaskJournalEntry,
    resource: TaskResource,
    parameters: unknown,
    events: TaskEvents,
  ): Promise<void> {
    const { StateMachineArn, Input, Name } = (parameters ?? {}) as Record<string, unknown>;
    const stateMachineArn = String(StateMachineArn);
    const resuming = entry.childName !== undefined;
    // Chosen and saved before the start, so that a replay finds this child instead of starting another.
    const childName = entry.childName ?? (typeof Name === 'string' ? Name : randomUUID());
    if (!resuming) {
      entry.childName = childName;
      await this.save();
    }
    const childId = stateMachineIdOf(stateMachineArn);
    let child = resuming && childId !== undefined ? this.host.execution(executionArn(childId, childName)) : undefined;
    if (!child) {
      const pattern = resource.pattern;
      try {
        child = await this.host.startExecution({
          stateMachineArn,
          name: childName,
          input: typeof Input === 'string' ? Input : JSON.stringify(Input ?? {}),
          parent:
            pattern === 'sync' || pattern === 'sync:2'
              ? { executionArn: this.record.executionArn, taskKey: key, pattern }
              : undefined,
        });
      } catch (error) {
        // The API's errors (StateMachineDoesNotExist, ExecutionAlreadyExists, …) as the integration names them.
        const { name, message } = error as Error;
        throw new TaskFailure(`StepFunctions.${name}Exception`, message);
      }
    }
    const started = { ExecutionArn: child.executionArn, StartDate: child.startDate };
    if (!this.recording) return;
    if (resource.pattern === 'requestResponse') {
      this.completeTask(key, { output: started });
      return;
    }
    if (entry.submittedAt === undefined) {
      entry.submittedAt = Date.now();
      events.submitted(started);
      this.saveInBackground();
    }
    // A child that closed before a restart could tell us: settle from its record.
    if ((resource.pattern === 'sync' || resource.pattern === 'sync:2') && child.status !== 'RUNNING') {
      this.completeTask(key, childTaskOutcome(child, resource.pattern));
    }
  }

  private armHeartbeat(key: string, entry: TaskJournalEntry, live: LiveTask): void {
    const seconds = entry.heartbeatSeconds;
    // Only a callback task can send heartbeats.
    if (seconds === undefined || entry.token === undefined) return;
    this.cancel(live.heartbeat);
    live.heartbeat = this.at((entry.heartbeatAt ?? entry.scheduledAt) + seconds * 1000, () =>
      this.completeTask(key, {
        error: 'States.HeartbeatTimeout',
        cause: `No heartbeat within ${seconds} seconds`,
        timedOut: true,
      }),
    );
  }

  private async raise(outcome: TaskOutcome): Promise<unknown> {
    if ('output' in outcome) return outcome.output;
    throw await engineError(outcome);
  }

  /** Writes the engine's state events to the history, minus those a replay meets a second time. */
  private async logEngineEvents(events: AsyncGenerator<EngineEvent>): Promise<void> {
    for await (const event of events) {
      const mapped = fromEngineEvent(event);
      const isNew = mapped !== undefined && !this.journal.alreadyRecorded(mapped.type, mapped.details);
      if (isNew) this.history.append(mapped.type, mapped.details);
      if (event.type === 'StateEntered' && event.state.type === 'Wait') {
        const key = this.journal.nextWaitKey(event.state.name);
        if (isNew) void this.rememberWaitDeadline(key, event.state.name, event.state.input, event.timestamp);
      }
      if ((event.type === 'StateEntered' || event.type === 'StateRetried') && event.state.type === 'Task') {
        this.history.releaseTaskSink(event.state.name, event.state.input);
      }
    }
  }

  private async rememberWaitDeadline(key: string, stateName: string, input: unknown, enteredAt: number) {
    const wait = this.machine.waits.get(stateName);
    const until = wait && (await waitDeadline(wait, input, enteredAt).catch(() => undefined));
    if (until === undefined || Number.isNaN(until) || !this.recording) return;
    this.record.waits[key] = until;
    this.saveInBackground();
  }

  private close(status: Exclude<ExecutionStatus, 'RUNNING'>, result: { output?: string } & Partial<Failure>): void {
    if (!this.recording) return;
    this.phase = 'closed';
    Object.assign(this.record, { status, stopDate: Date.now(), ...result });
    const details: Record<Exclude<ExecutionStatus, 'RUNNING'>, [string, EventDetails]> = {
      SUCCEEDED: ['ExecutionSucceeded', { output: result.output, outputDetails: { truncated: false } }],
      FAILED: ['ExecutionFailed', { error: result.error, cause: result.cause }],
      TIMED_OUT: ['ExecutionTimedOut', { error: result.error, cause: result.cause }],
      ABORTED: ['ExecutionAborted', { error: result.error, cause: result.cause }],
    };
    this.history.append(...details[status]);
    this.history.close();
    this.release();
    this.saveInBackground();
    this.host.closed(this.record);
  }

  /** Stops the engine run and its timers; tasks still waiting are let go so the engine's own timers clear. */
  private release(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.abortEngine?.();
    const waiting = [...this.live.values()];
    this.live.clear();
    for (const task of waiting) task.settle({ error: 'States.Runtime', cause: `The execution is ${this.phase}` });
  }

  private at(time: number, action: () => void): NodeJS.Timeout {
    const timer = setTimeout(
      () => {
        this.timers.delete(timer);
        action();
      },
      Math.min(Math.max(0, time - Date.now()), MAX_TIMER_MS),
    );
    this.timers.add(timer);
    return timer;
  }

  private cancel(timer: NodeJS.Timeout | undefined): void {
    if (timer === undefined) return;
    clearTimeout(timer);
    this.timers.delete(timer);
  }

  private taskEvents(entry: TaskJournalEntry, sink: TaskEventSink): TaskEvents {
    return new TaskEvents((this.machine.tasks.get(entry.state) as LocalTaskState).resource, sink);
  }
}

/**
 * A task occurrence's history events. A Lambda ARN as the Resource has events of its own
 * (LambdaFunctionScheduled, …); every service integration has Task… events.
 */
class TaskEvents {
  constructor(
    private readonly resource: TaskResource,
    private readonly sink: TaskEventSink,
  ) {}

  scheduled(parameters: unknown, entry: TaskJournalEntry): void {
    if (this.resource.integration === 'lambdaFunction') {
      this.sink.append('LambdaFunctionScheduled', {
        resource: this.resource.functionArn,
        input: JSON.stringify(parameters),
        inputDetails: { truncated: false },
        timeoutInSeconds: entry.timeoutSeconds,
      });
      this.sink.append('LambdaFunctionStarted');
      return;
    }
    this.sink.append('TaskScheduled', {
      ...this.names(),
      region: LOCAL_REGION,
      parameters: JSON.stringify(parameters),
      timeoutInSeconds: entry.timeoutSeconds,
      heartbeatInSeconds: entry.heartbeatSeconds,
    });
    this.sink.append('TaskStarted', this.names());
  }

  submitted(output: unknown): void {
    this.sink.append('TaskSubmitted', {
      ...this.names(),
      output: JSON.stringify(output),
      outputDetails: { truncated: false },
    });
  }

  completed(outcome: TaskOutcome): void {
    const lambda = this.resource.integration === 'lambdaFunction';
    if ('output' in outcome) {
      const output = { output: JSON.stringify(outcome.output), outputDetails: { truncated: false } };
      if (lambda) this.sink.append('LambdaFunctionSucceeded', output);
      else this.sink.append('TaskSucceeded', { ...this.names(), ...output });
      return;
    }
    const failure = { error: outcome.error, cause: outcome.cause };
    const type = outcome.timedOut ? 'TimedOut' : 'Failed';
    if (lambda) this.sink.append(`LambdaFunction${type}`, failure);
    else this.sink.append(`Task${type}`, { ...this.names(), ...failure });
  }

  private names(): { resourceType: string; resource: string } {
    const resource = this.resource as Extract<TaskResource, { resourceType: string }>;
    return { resourceType: resource.resourceType, resource: resource.resource };
  }
}

/** `$$.Task.Token` (our placeholder) → the occurrence's token, wherever Parameters put it. */
function withTaskToken(value: unknown, token: string): unknown {
  if (typeof value === 'string') return value.replaceAll(TASK_TOKEN_PLACEHOLDER, token);
  if (Array.isArray(value)) return value.map((item) => withTaskToken(item, token));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([name, item]) => [name, withTaskToken(item, token)]));
  }
  return value;
}

/** The engine rejects a failed run with an ExecutionError whose cause is the state's error. */
function executionFailure(error: unknown): Failure {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  return cause instanceof Error
    ? { error: cause.name, cause: cause.message }
    : { error: 'States.Runtime', cause: String(cause) };
}

/**
 * How a closed child settles its parent's startExecution.sync task: DescribeExecution's
 * answer as the output (`.sync:2` with Input and Output as JSON, `.sync` as strings), or
 * States.TaskFailed with that answer, the child's error and cause included, as the cause.
 */
export function childTaskOutcome(child: ExecutionRecord, pattern: ParentTask['pattern']): TaskOutcome {
  const asJson = (text: string | undefined) => (pattern === 'sync:2' && text !== undefined ? JSON.parse(text) : text);
  const described = {
    ExecutionArn: child.executionArn,
    StateMachineArn: child.stateMachineArn,
    Name: child.name,
    Status: child.status,
    StartDate: child.startDate,
    StopDate: child.stopDate,
    Input: asJson(child.input),
    InputDetails: { Included: true },
    ...(child.status === 'SUCCEEDED'
      ? { Output: asJson(child.output), OutputDetails: { Included: true } }
      : { Error: child.error, Cause: child.cause }),
  };
  return child.status === 'SUCCEEDED'
    ? { output: described }
    : { error: 'States.TaskFailed', cause: JSON.stringify(described) };
}
