import type { StateMachine } from 'aws-local-stepfunctions';

/**
 * A history event as GetExecutionHistory returns it (timestamps kept in epoch milliseconds
 * until then): `type` is an AWS HistoryEventType, details sit under the matching
 * `<type>EventDetails` member (`stateEnteredEventDetails` for every `…StateEntered`).
 */
export interface HistoryEvent {
  id: number;
  previousEventId: number;
  timestamp: number;
  type: string;
  [details: string]: unknown;
}

export type EventDetails = Record<string, unknown>;

/** An event the engine emits on its `eventLogs` generator (the type is not exported). */
export type EngineEvent = ReturnType<StateMachine['run']>['eventLogs'] extends AsyncGenerator<infer E> ? E : never;

/** A history event the engine's own event stands for, or undefined for those AWS does not record. */
export function fromEngineEvent(event: EngineEvent): { type: string; details: EventDetails } | undefined {
  switch (event.type) {
    case 'StateEntered':
      return {
        type: `${event.state.type}StateEntered`,
        details: {
          name: event.state.name,
          input: JSON.stringify(event.state.input),
          inputDetails: { truncated: false },
        },
      };
    case 'StateExited':
      return {
        type: `${event.state.type}StateExited`,
        details: {
          name: event.state.name,
          output: JSON.stringify(event.state.output ?? null),
          outputDetails: { truncated: false },
        },
      };
    case 'MapIterationStarted':
    case 'MapIterationSucceeded':
    case 'MapIterationFailed':
      return { type: event.type, details: { name: event.parentState.name, index: event.index } };
    default:
      return undefined;
  }
}

/** The member that holds an event type's details. */
export function detailsMember(type: string): string {
  if (type.endsWith('StateEntered')) return 'stateEnteredEventDetails';
  if (type.endsWith('StateExited')) return 'stateExitedEventDetails';
  return `${type[0]?.toLowerCase()}${type.slice(1)}EventDetails`;
}

/** Where a task occurrence writes its events (TaskScheduled, TaskSucceeded, …). */
export interface TaskEventSink {
  append(type: string, details?: EventDetails): void;
}

/** The sink of a task occurrence the engine has just started. */
export interface OpenTaskSink extends TaskEventSink {
  /** The state's input, from the engine's entered (or retried) event; undefined if the history closes first. */
  stateInput: Promise<unknown>;
}

interface HeldSink {
  release(stateInput: unknown): void;
}

/**
 * The history of one execution, appended to in place (the record's `history` array). The
 * engine's events arrive a few microtasks late (its event log is an async generator), while
 * a task override runs synchronously right after its state was entered; so each task
 * occurrence writes through a sink that holds its events back until the engine's
 * StateEntered (or, for a retry, StateRetried) of that state has been logged.
 */
export class ExecutionHistory {
  private closed = false;
  /** Sinks waiting for their state's entered/retried event, oldest first, by state name. */
  private readonly held = new Map<string, HeldSink[]>();

  constructor(
    private readonly events: HistoryEvent[],
    private readonly changed: () => void,
  ) {}

  append(type: string, details?: EventDetails): void {
    if (this.closed) return;
    const previousEventId = this.events.length;
    const event: HistoryEvent = { id: previousEventId + 1, previousEventId, timestamp: Date.now(), type };
    if (details) event[detailsMember(type)] = details;
    this.events.push(event);
    this.changed();
  }

  /** Nothing is recorded after the execution's last event (or once it is suspended). */
  close(): void {
    this.closed = true;
    for (const queue of this.held.values()) for (const sink of queue) sink.release(undefined);
    this.held.clear();
  }

  /** A sink for a task occurrence that has just been started by the engine. */
  openTaskSink(stateName: string): OpenTaskSink {
    let buffer: Array<[string, EventDetails | undefined]> | undefined = [];
    let entered: (stateInput: unknown) => void = () => {};
    const stateInput = new Promise<unknown>((resolve) => {
      entered = resolve;
    });
    const queue = this.held.get(stateName) ?? [];
    queue.push({
      release: (input) => {
        for (const [type, details] of buffer ?? []) this.append(type, details);
        buffer = undefined;
        entered(input);
      },
    });
    this.held.set(stateName, queue);
    return {
      stateInput,
      append: (type, details) => {
        if (buffer) buffer.push([type, details]);
        else this.append(type, details);
      },
    };
  }

  /** The engine's event for the oldest held task occurrence of this state has been logged. */
  releaseTaskSink(stateName: string, stateInput: unknown): void {
    const queue = this.held.get(stateName);
    queue?.shift()?.release(stateInput);
    if (queue?.length === 0) this.held.delete(stateName);
  }

  /** A sink that writes straight away: for a task settled before the replay reached it. */
  direct(): TaskEventSink {
    return { append: (type, details) => this.append(type, details) };
  }
}
