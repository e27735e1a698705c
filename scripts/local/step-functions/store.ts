import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '../log.ts';
import type { HistoryEvent } from './history.ts';
import type { IntegrationPattern } from './task-resources.ts';

export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

/** How a task occurrence ended: its result, or the error Retry and Catch saw. */
export type TaskOutcome = { output: unknown } | { error: string; cause: string; timedOut?: boolean };

/**
 * One occurrence of a task state (`<state name>#<n>`, counting from 0 in call order, retries
 * included): what replay needs to answer it without doing it again, or to wait for it again.
 */
export interface TaskJournalEntry {
  state: string;
  /** When it was scheduled: timeouts count from here, across restarts. */
  scheduledAt: number;
  /** TimeoutSeconds and HeartbeatSeconds, resolved when it was scheduled (they may come from the input). */
  timeoutSeconds?: number;
  heartbeatSeconds?: number;
  /** The token of a `.waitForTaskToken` task; re-armed with the same value after a restart. */
  token?: string;
  /** The call that hands the token out (or starts the child) has returned: only the callback is awaited. */
  submittedAt?: number;
  heartbeatAt?: number;
  /** A startExecution task's child execution name, chosen before the start so a replay finds the same child. */
  childName?: string;
  outcome?: TaskOutcome;
}

/** The startExecution task of a parent that waits (`.sync`) for this execution. */
export interface ParentTask {
  executionArn: string;
  taskKey: string;
  pattern: Extract<IntegrationPattern, 'sync' | 'sync:2'>;
}

/** An execution as stored in `<dataDir>/stepfunctions/<state machine>/<name>.json`. */
export interface ExecutionRecord {
  formatVersion: typeof FORMAT_VERSION;
  executionArn: string;
  stateMachineArn: string;
  stateMachineId: string;
  /** The definition's revision when the execution started. */
  definitionRevision: string;
  name: string;
  status: ExecutionStatus;
  /** JSON, as given to StartExecution. */
  input: string;
  output?: string;
  error?: string;
  cause?: string;
  /** Epoch milliseconds. */
  startDate: number;
  stopDate?: number;
  parent?: ParentTask;
  /** Task occurrences by key: the replay journal. */
  tasks: Record<string, TaskJournalEntry>;
  /** When each Wait occurrence (`<state name>#<n>`) ends, so a restart does not wait from the start again. */
  waits: Record<string, number>;
  history: HistoryEvent[];
}

const FORMAT_VERSION = 1;

export function newExecutionRecord(
  fields: Pick<
    ExecutionRecord,
    'executionArn' | 'stateMachineArn' | 'stateMachineId' | 'definitionRevision' | 'name' | 'input' | 'parent'
  >,
): ExecutionRecord {
  return {
    formatVersion: FORMAT_VERSION,
    ...fields,
    status: 'RUNNING',
    startDate: Date.now(),
    tasks: {},
    waits: {},
    history: [],
  };
}

/**
 * Executions on disk, one JSON file each, written atomically (temporary file, then rename)
 * so a crash never leaves a torn record. Writes of one record run one after another, and
 * saves requested before the next write has started share that write.
 */
export class ExecutionStore {
  private readonly directory: string;
  /** The last write of each record. */
  private readonly tails = new Map<string, Promise<void>>();
  /** A write not started yet: it will serialize the record as it is by then. */
  private readonly queued = new Map<string, Promise<void>>();

  constructor(
    dataDir: string,
    private readonly log: Logger,
  ) {
    this.directory = join(dataDir, 'stepfunctions');
  }

  /** Every stored execution; unreadable files are reported and skipped. */
  async load(): Promise<ExecutionRecord[]> {
    await mkdir(this.directory, { recursive: true });
    const records: ExecutionRecord[] = [];
    for (const machine of await readdir(this.directory, { withFileTypes: true })) {
      if (!machine.isDirectory()) continue;
      const folder = join(this.directory, machine.name);
      for (const file of await readdir(folder)) {
        if (!file.endsWith('.json')) continue;
        try {
          const record = JSON.parse(await readFile(join(folder, file), 'utf8')) as ExecutionRecord;
          if (record.formatVersion !== FORMAT_VERSION) throw new Error(`format version ${record.formatVersion}`);
          records.push(record);
        } catch (error) {
          this.log.warn(`skipping the stored execution ${join(folder, file)}: ${(error as Error).message}`);
        }
      }
    }
    return records;
  }

  /** Resolves once the record, as it is now or later, is on disk. */
  save(record: ExecutionRecord): Promise<void> {
    const arn = record.executionArn;
    const queued = this.queued.get(arn);
    if (queued) return queued;
    const write = (this.tails.get(arn) ?? Promise.resolve())
      .catch(() => undefined) // a failed write was reported to its caller; the next one still runs
      .then(() => {
        this.queued.delete(arn);
        return this.write(record);
      });
    this.queued.set(arn, write);
    this.tails.set(arn, write);
    const forget = () => {
      if (this.tails.get(arn) === write) this.tails.delete(arn);
    };
    write.then(forget, forget);
    return write;
  }

  /** Resolves once every requested save has been attempted. */
  async flush(): Promise<void> {
    while (this.tails.size > 0) await Promise.allSettled([...this.tails.values()]);
  }

  private async write(record: ExecutionRecord): Promise<void> {
    const json = `${JSON.stringify(record, null, 2)}\n`;
    const file = join(this.directory, record.stateMachineId, `${encodeURIComponent(record.name)}.json`);
    await mkdir(join(this.directory, record.stateMachineId), { recursive: true });
    await writeFile(`${file}.tmp`, json);
    await rename(`${file}.tmp`, file);
  }
}
