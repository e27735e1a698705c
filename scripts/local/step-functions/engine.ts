import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import type { Logger } from '../log.ts';
import {
  executionArn,
  isStateMachineArn,
  type LocalStateMachine,
  legacyExecutionArn,
  stateMachineArn,
} from './definitions.ts';
import { childTaskOutcome, type ExecutionHost, ExecutionRun } from './execution.ts';
import type { ServiceIntegrations } from './integrations.ts';
import { ServiceError } from './service-error.ts';
import { executionStatusChange, type StatusEventSink } from './status-events.ts';
import {
  type ExecutionRecord,
  type ExecutionStatus,
  type ExecutionStore,
  newExecutionRecord,
  type ParentTask,
} from './store.ts';
import { parseTaskToken } from './task-tokens.ts';

export interface StartExecutionRequest {
  stateMachineArn: string;
  name?: string;
  input?: string;
  parent?: ParentTask;
}

/** Characters AWS does not allow in an execution name (it must also be 1 to 80 characters). */
const INVALID_NAME_CHARACTERS = /[\s<>{}[\]?*"#%\\^|~`$&,;:/\p{Cc}]/u;
const MAX_NAME_LENGTH = 80;
/**
 * How long a shutdown waits for task calls in flight. A call cut off is made again by the
 * restart's replay, so a handler whose writes were done would repeat them (the drain exists
 * because under load a stop often landed between a handler's writes and its return).
 */
const SHUTDOWN_DRAIN_MS = 10_000;

/**
 * The Step Functions service behind the local endpoint: executions by ARN (all of them in
 * memory, each also on disk), the API operations with AWS's errors, and the links between
 * parent and child executions.
 */
export class StepFunctionsEngine {
  private readonly records = new Map<string, ExecutionRecord>();
  /** Old ARNs of executions stored before local machines had the stack's names → their current ARN. */
  private readonly legacyArns = new Map<string, string>();
  /** Runs of RUNNING executions. */
  private readonly runs = new Map<string, ExecutionRun>();
  /** Runs loaded from disk, not started yet. */
  private toResume: ExecutionRun[] = [];
  private readonly host: ExecutionHost;

  constructor(
    private readonly machines: ReadonlyMap<string, LocalStateMachine>,
    private readonly store: ExecutionStore,
    private readonly services: ServiceIntegrations,
    private readonly log: Logger,
    /** Where `Step Functions Execution Status Change` events go; none when absent. */
    private readonly statusEvents?: StatusEventSink,
  ) {
    this.host = {
      services,
      log,
      save: (record) => store.save(record),
      execution: (arn) => this.lookup(arn),
      startExecution: (request) => this.startExecution(request),
      closed: (record) => this.closed(record),
    };
  }

  /**
   * Reads the stored executions. Those still RUNNING get their run, ready for `resume`, so
   * that a callback arriving before then already finds its task.
   */
  async load(): Promise<void> {
    for (const record of await this.store.load()) {
      this.migrateLegacyArns(record);
      this.records.set(record.executionArn, record);
      if (record.status !== 'RUNNING') continue;
      const machine = this.machines.get(record.stateMachineArn);
      if (machine) {
        if (machine.revision !== record.definitionRevision) {
          this.log.warn(
            `execution ${record.executionArn} started on another version of ${machine.id}'s definition; it resumes by replaying the current one`,
          );
        }
        const run = new ExecutionRun(record, machine, this.host);
        this.runs.set(record.executionArn, run);
        this.toResume.push(run);
      } else {
        this.log.warn(`execution ${record.executionArn} stays RUNNING: its state machine is no longer defined`);
      }
    }
  }

  /** Continues the executions the previous process left RUNNING, by replaying them; returns how many. */
  resume(): number {
    const runs = this.toResume;
    this.toResume = [];
    for (const run of runs) run.start();
    return runs.length;
  }

  async startExecution(request: StartExecutionRequest): Promise<ExecutionRecord> {
    const machine = this.machines.get(request.stateMachineArn);
    if (!machine) {
      if (!isStateMachineArn(request.stateMachineArn)) {
        throw new ServiceError('InvalidArn', `Invalid Arn: '${request.stateMachineArn}'`);
      }
      throw new ServiceError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${request.stateMachineArn}'`);
    }
    const name = request.name ?? randomUUID();
    if (name.length === 0 || name.length > MAX_NAME_LENGTH || INVALID_NAME_CHARACTERS.test(name)) {
      throw new ServiceError('InvalidName', `Invalid Name: '${name}'`);
    }
    const input = request.input ?? '{}';
    try {
      JSON.parse(input);
    } catch {
      throw new ServiceError(
        'InvalidExecutionInput',
        `Invalid State Machine Execution Input: '${input.slice(0, 200)}'`,
      );
    }
    const arn = executionArn(machine.id, name);
    const existing = this.records.get(arn);
    if (existing) {
      // Idempotent while it runs with the same input, as in AWS (standard workflows).
      if (existing.status === 'RUNNING' && existing.input === input) return existing;
      throw new ServiceError('ExecutionAlreadyExists', `Execution Already Exists: '${arn}'`);
    }
    const record = newExecutionRecord({
      executionArn: arn,
      stateMachineArn: machine.arn,
      stateMachineId: machine.id,
      definitionRevision: machine.revision,
      name,
      input,
      parent: request.parent,
    });
    this.records.set(arn, record);
    const run = new ExecutionRun(record, machine, this.host);
    this.runs.set(arn, run);
    // On disk before StartExecution answers: an accepted execution survives a crash.
    await run.save();
    run.start();
    return record;
  }

  describeExecution(arn: string): ExecutionRecord {
    const record = this.lookup(arn);
    if (!record) throw this.executionNotFound(arn);
    return record;
  }

  async stopExecution(arn: string, error?: string, cause?: string): Promise<ExecutionRecord> {
    const record = this.describeExecution(arn);
    const run = this.runs.get(record.executionArn);
    if (record.status === 'RUNNING' && run) {
      run.stop({ error, cause });
      await run.save();
    }
    return record;
  }

  /** Executions of a state machine, newest first. */
  listExecutions(stateMachineArn: string, status?: ExecutionStatus): ExecutionRecord[] {
    if (!this.machines.has(stateMachineArn)) {
      if (!isStateMachineArn(stateMachineArn)) {
        throw new ServiceError('InvalidArn', `Invalid Arn: '${stateMachineArn}'`);
      }
      throw new ServiceError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${stateMachineArn}'`);
    }
    return [...this.records.values()]
      .filter((record) => record.stateMachineArn === stateMachineArn && (!status || record.status === status))
      .reverse() // ties (the same millisecond) stay newest first: records are kept in order of creation
      .sort((a, b) => b.startDate - a.startDate);
  }

  async sendTaskSuccess(token: string, output: string): Promise<void> {
    const { run, taskKey } = this.pendingTask(token);
    let parsed: unknown;
    try {
      parsed = JSON.parse(output);
    } catch {
      throw new ServiceError('InvalidOutput', 'Invalid Output: the output is not valid JSON');
    }
    run.completeTask(taskKey, { output: parsed });
    await run.save();
  }

  async sendTaskFailure(token: string, error = '', cause = ''): Promise<void> {
    const { run, taskKey } = this.pendingTask(token);
    run.completeTask(taskKey, { error, cause });
    await run.save();
  }

  async sendTaskHeartbeat(token: string): Promise<void> {
    const { run, taskKey } = this.pendingTask(token);
    run.heartbeat(taskKey);
    await run.save();
  }

  /**
   * Lets the task calls in flight finish and be recorded (for at most SHUTDOWN_DRAIN_MS), then
   * suspends every run (they stay RUNNING on disk, to be resumed) and waits for pending writes.
   */
  async shutdown(): Promise<void> {
    const drained = Promise.allSettled([...this.runs.values()].map((run) => run.drain()));
    await Promise.race([drained, delay(SHUTDOWN_DRAIN_MS, undefined, { ref: false })]);
    for (const run of this.runs.values()) run.suspend();
    this.runs.clear();
    await this.store.flush();
    this.services.close();
  }

  /** The task a token names, if it still waits for its callback; AWS's errors otherwise. */
  private pendingTask(token: string): { run: ExecutionRun; taskKey: string } {
    const claims = parseTaskToken(token);
    if (!claims) throw new ServiceError('InvalidToken', 'Invalid Token: the task token is malformed');
    const record = this.lookup(claims.executionArn);
    const entry = record?.tasks[claims.taskKey];
    if (!record || !entry || entry.token !== token) {
      throw new ServiceError('TaskDoesNotExist', 'Task Does Not Exist: no task was issued this token');
    }
    const run = this.runs.get(record.executionArn);
    if (record.status !== 'RUNNING' || entry.outcome || !run) {
      throw new ServiceError('TaskTimedOut', 'Task Timed Out: the task of this token has already closed');
    }
    return { run, taskKey: claims.taskKey };
  }

  /** An execution by its ARN, or by the ARN it had before local machines had the stack's names. */
  private lookup(arn: string): ExecutionRecord | undefined {
    return this.records.get(this.legacyArns.get(arn) ?? arn);
  }

  /**
   * A record stored when local machine ARNs named the machine by its id gets the current ARNs
   * (written back with its next save); requests and task tokens that still carry the old
   * execution ARN keep finding it.
   */
  private migrateLegacyArns(record: ExecutionRecord): void {
    const current = stateMachineArn(record.stateMachineId);
    if (record.stateMachineArn === current || !this.machines.has(current)) return;
    const legacy = legacyExecutionArn(record.stateMachineId, record.name);
    if (record.executionArn !== legacy) return;
    record.stateMachineArn = current;
    record.executionArn = executionArn(record.stateMachineId, record.name);
    this.legacyArns.set(legacy, record.executionArn);
    if (record.parent) {
      const [, parentId, parentName] = /:execution:([^:]+):(.+)$/.exec(record.parent.executionArn) ?? [];
      if (
        parentId !== undefined &&
        parentName !== undefined &&
        record.parent.executionArn === legacyExecutionArn(parentId, parentName)
      ) {
        record.parent = { ...record.parent, executionArn: executionArn(parentId, parentName) };
      }
    }
  }

  private executionNotFound(arn: string): ServiceError {
    if (!arn.includes(':execution:')) return new ServiceError('InvalidArn', `Invalid Arn: '${arn}'`);
    return new ServiceError('ExecutionDoesNotExist', `Execution Does Not Exist: '${arn}'`);
  }

  /**
   * Announces the end on the default bus, settles a waiting parent's task, and stops the
   * `.sync` children of a stopped or timed-out parent.
   */
  private closed(record: ExecutionRecord): void {
    this.runs.delete(record.executionArn);
    this.publishStatusChange(record);
    if (record.parent) {
      const parent = this.runs.get(record.parent.executionArn);
      if (parent) {
        parent.completeTask(record.parent.taskKey, childTaskOutcome(record, record.parent.pattern));
        parent.save().catch((error: unknown) => this.log.error(`could not save ${record.parent?.executionArn}`, error));
      }
    }
    if (record.status === 'ABORTED' || record.status === 'TIMED_OUT') {
      for (const child of this.records.values()) {
        if (child.parent?.executionArn !== record.executionArn || child.status !== 'RUNNING') continue;
        this.runs.get(child.executionArn)?.stop({
          error: 'States.Aborted',
          cause: `The parent execution ${record.executionArn} ended ${record.status}`,
        });
      }
    }
  }

  /** In the background: a bus that cannot take the event never changes how the execution ended. */
  private publishStatusChange(record: ExecutionRecord): void {
    const sink = this.statusEvents;
    if (!sink) return;
    Promise.resolve()
      .then(() => sink(executionStatusChange(record)))
      .catch((error: unknown) =>
        this.log.error(`could not publish the status change of ${record.executionArn} (${record.status})`, error),
      );
  }
}
