import { createHash } from 'node:crypto';
import type { WaitState } from './definitions.ts';
import { detailsMember, type EventDetails } from './history.ts';
import { selectPath } from './json-path.ts';
import type { ExecutionRecord } from './store.ts';

/**
 * Deterministic replay. aws-local-stepfunctions cannot resume an execution midway, so an
 * execution found RUNNING after a restart runs again from its input, and this journal makes
 * that second run retrace the first: every task occurrence is keyed by state name and
 * occurrence (`<state>#<n>`, in call order), and one that already has an outcome is
 * answered from the record instead of being invoked again; Waits that already ended do not
 * wait again, and one that was under way waits only for what is left; the history events
 * the first run wrote are not written twice.
 *
 * Limits: the replay must take the same path as the first run given the same task results.
 * ASL is deterministic except for what differs between runs: `$$.Execution.StartTime` (the
 * engine sets it to the start of the current run), `States.UUID()` and `States.MathRandom()`;
 * a Choice on those could branch differently. Tasks inside a Map are keyed by their input
 * as well (iterations run concurrently, in no fixed order): two iterations that give the same
 * task the same input are told apart by order only, which is harmless as their calls are the same.
 */
export class ReplayJournal {
  private readonly taskCalls = new Map<string, number>();
  private readonly waitCalls = new Map<string, number>();
  private readonly waitsEntered = new Map<string, number>();
  /** History events the first run(s) already wrote, by `eventKey`, still to be met again. */
  private readonly recorded = new Map<string, number>();
  /** Wait states that had ended before the restart, by name: how many times. */
  private readonly elapsedWaits = new Map<string, number>();

  constructor(private readonly record: ExecutionRecord) {
    for (const event of record.history) {
      const details = event[detailsMember(event.type)] as EventDetails | undefined;
      if (typeof details?.name !== 'string') continue;
      increment(this.recorded, eventKey(event.type, details));
      if (event.type === 'WaitStateExited') increment(this.elapsedWaits, details.name);
    }
  }

  /**
   * The key of the task occurrence the engine is starting now. A task inside a Map passes its
   * input: concurrent iterations reach it in any order, so its occurrences are numbered per
   * input (`<state>@<digest of the input>#<n>`) and a replay answers each iteration its own.
   */
  nextTaskKey(stateName: string, input?: unknown): string {
    const name =
      input === undefined
        ? stateName
        : `${stateName}@${createHash('sha256')
            .update(JSON.stringify(input) ?? '')
            .digest('hex')
            .slice(0, 16)}`;
    return `${name}#${increment(this.taskCalls, name) - 1}`;
  }

  /** The key of the Wait occurrence whose entered event the engine has just logged. */
  nextWaitKey(stateName: string): string {
    return `${stateName}#${increment(this.waitsEntered, stateName) - 1}`;
  }

  /**
   * The wait-time override for the Wait occurrence starting now: none for one the first run
   * never reached, nothing left for one that had ended, what is left for one under way.
   */
  waitOverride(stateName: string): number | undefined {
    const occurrence = increment(this.waitCalls, stateName) - 1;
    if (occurrence < (this.elapsedWaits.get(stateName) ?? 0)) return 0;
    const until = this.record.waits[`${stateName}#${occurrence}`];
    return until === undefined ? undefined : Math.max(0, until - Date.now());
  }

  /** The pause before a retry: none when the attempt it leads to has already happened. */
  retryPause(stateName: string): number | undefined {
    const nextAttempt = `${stateName}#${this.taskCalls.get(stateName) ?? 0}`;
    return nextAttempt in this.record.tasks ? 0 : undefined;
  }

  /** Whether the first run already wrote this event (each recorded event is matched once). */
  alreadyRecorded(type: string, details: EventDetails): boolean {
    const key = eventKey(type, details);
    const remaining = this.recorded.get(key) ?? 0;
    if (remaining === 0) return false;
    this.recorded.set(key, remaining - 1);
    return true;
  }
}

/** When a Wait occurrence entered at `enteredAt` with `input` ends (epoch ms), as the engine computes it. */
export async function waitDeadline(wait: WaitState, input: unknown, enteredAt: number): Promise<number | undefined> {
  if (wait.Seconds !== undefined) return enteredAt + wait.Seconds * 1000;
  if (wait.Timestamp !== undefined) return Date.parse(wait.Timestamp);
  const path = wait.SecondsPath ?? wait.TimestampPath;
  if (path === undefined) return undefined;
  const value = await selectPath(input, path, wait.InputPath);
  return wait.SecondsPath !== undefined ? enteredAt + Number(value) * 1000 : Date.parse(String(value));
}

function increment(counts: Map<string, number>, key: string): number {
  const next = (counts.get(key) ?? 0) + 1;
  counts.set(key, next);
  return next;
}

function eventKey(type: string, details: EventDetails): string {
  return `${type}|${String(details.name)}|${details.index ?? ''}`;
}
