import { randomUUID } from 'node:crypto';
import { appendFile, mkdir } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { busOf, type EventBusKind } from '#shared/events/rules';
import { LOCAL_ACCOUNT_ID, LOCAL_REGION } from './aws-env.ts';
import { type EventPattern, matchesEventPattern, validateEventPattern } from './event-pattern.ts';
import { closeServer, listenOnLoopback, readBody, sendAwsJson } from './http-server.ts';
import { createLambdaContext, type HandlerLoader } from './lambda-runtime.ts';
import type { Logger } from './log.ts';

/** An event as an AWS service hands it to EventBridge (on the account's default bus). */
export interface ServiceEvent {
  source: string;
  detailType: string;
  resources: string[];
  detail: Record<string, unknown>;
  time: Date;
}

/** The name every account's own bus has. */
export const DEFAULT_BUS_NAME = 'default';

/** A rule as the local bus needs it: the shape of an EVENT_RULES entry. */
export interface LocalEventRule {
  id: string;
  /** The platform bus (`busName`) or the account's default bus. @default 'platform' */
  bus?: EventBusKind;
  eventPattern: EventPattern;
  target: { handler: string; timeoutSeconds?: number };
}

/** An event as EventBridge delivers it to a target. */
export interface BusEvent {
  version: '0';
  id: string;
  'detail-type': string;
  source: string;
  account: string;
  time: string;
  region: string;
  resources: string[];
  detail: unknown;
}

export interface EventBusOptions {
  dataDir: string;
  /** The platform bus; the account's `default` bus exists besides it. */
  busName: string;
  rules: readonly LocalEventRule[];
  loadHandler: HandlerLoader;
  log: Logger;
  port?: number;
  /** Retries after the first failed delivery, like the CDK Lambda target's `retryAttempts`. */
  retryAttempts?: number;
  /** Wait before the first retry; doubles for each further one. */
  retryBackoffMs?: number;
  /** A target invocation running longer than this counts as failed. */
  targetTimeoutMs?: number;
}

export interface LocalEventBus {
  endpoint: string;
  /**
   * Takes an event an AWS service emits (`aws.*` sources, which PutEvents refuses) onto the
   * default bus, as the service itself does: archived and delivered like any other event.
   * Resolves with its id once archived.
   */
  putServiceEvent(event: ServiceEvent): Promise<string>;
  /** Resolves once no delivery (or retry) is pending. */
  drain(): Promise<void>;
  stop(): Promise<void>;
}

/** File names under `<dataDir>/eventbridge/`. */
export const EVENT_ARCHIVE_FILE = 'events.jsonl';
export const DEAD_LETTER_FILE = 'dlq.jsonl';

/** PutEvents limits (EventBridge quotas). */
const MAX_ENTRIES = 10;
const MAX_REQUEST_BYTES = 256 * 1024;

interface PutEventsEntry {
  Source?: unknown;
  DetailType?: unknown;
  Detail?: unknown;
  EventBusName?: unknown;
  Resources?: unknown;
  Time?: unknown;
}

type EntryResult = { EventId: string } | { ErrorCode: string; ErrorMessage: string };

class AwsJsonError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The local EventBridge endpoint: speaks the AWS JSON 1.1 protocol of `AWSEvents.PutEvents`
 * so the unchanged SDK client works against it, archives every accepted event to
 * `events.jsonl`, and delivers it asynchronously to the targets of matching rules, with
 * retries and a dead-letter file (`dlq.jsonl`) after the last failure. Two buses: the
 * platform's (`busName`) and the account's `default` bus, each delivering to its own rules;
 * AWS services (the local Step Functions) put their events on the default bus in-process
 * through `putServiceEvent`, since PutEvents refuses `aws.*` sources as EventBridge does.
 */
export async function startEventBus(options: EventBusOptions): Promise<LocalEventBus> {
  for (const rule of options.rules) validateEventPattern(rule.eventPattern, rule.id);
  const directory = join(options.dataDir, 'eventbridge');
  await mkdir(directory, { recursive: true });
  const archiveFile = join(directory, EVENT_ARCHIVE_FILE);
  const deadLetterFile = join(directory, DEAD_LETTER_FILE);
  const retryAttempts = options.retryAttempts ?? 2;
  const retryBackoffMs = options.retryBackoffMs ?? 500;
  const targetTimeoutMs = options.targetTimeoutMs ?? 30_000;
  const pending = new Set<Promise<void>>();
  let writes: Promise<void> = Promise.resolve();

  /** Appends in call order; concurrent PutEvents never interleave half lines. */
  const append = (file: string, lines: string) => {
    writes = writes.then(() => appendFile(file, lines));
    return writes;
  };

  const busArn = (name: string) => `arn:aws:events:${LOCAL_REGION}:${LOCAL_ACCOUNT_ID}:event-bus/${name}`;
  /** A bus by name or ARN, as PutEvents takes it. */
  const busNamed = (name: unknown): EventBusKind | undefined => {
    if (name === options.busName || name === busArn(options.busName)) return 'platform';
    if (name === DEFAULT_BUS_NAME || name === busArn(DEFAULT_BUS_NAME)) return 'default';
    return undefined;
  };

  function toEvent(entry: PutEventsEntry): RoutedEvent | { ErrorCode: string; ErrorMessage: string } {
    // No EventBusName: the default bus, as in EventBridge.
    const bus = busNamed(entry.EventBusName ?? DEFAULT_BUS_NAME);
    if (bus === undefined) {
      return {
        ErrorCode: 'ResourceNotFoundException',
        ErrorMessage: `Event bus ${String(entry.EventBusName)} does not exist.`,
      };
    }
    for (const [field, value] of [
      ['Source', entry.Source],
      ['DetailType', entry.DetailType],
      ['Detail', entry.Detail],
    ] as const) {
      if (typeof value !== 'string' || value === '') {
        return {
          ErrorCode: 'InvalidArgument',
          ErrorMessage: `Parameter ${field} is not valid. Reason: ${field} is a required argument.`,
        };
      }
    }
    const source = entry.Source as string;
    if (source.startsWith('aws.')) {
      return { ErrorCode: 'NotAuthorizedForSourceException', ErrorMessage: `Not authorized for the source ${source}.` };
    }
    let detail: unknown;
    try {
      detail = JSON.parse(entry.Detail as string);
    } catch {
      detail = undefined;
    }
    if (typeof detail !== 'object' || detail === null || Array.isArray(detail)) {
      return { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' };
    }
    const time = typeof entry.Time === 'number' ? new Date(entry.Time * 1000) : new Date();
    return {
      bus,
      event: busEvent({
        source,
        detailType: entry.DetailType as string,
        resources: Array.isArray(entry.Resources) ? entry.Resources.map(String) : [],
        detail: detail as Record<string, unknown>,
        time,
      }),
    };
  }

  async function putEvents(body: unknown): Promise<{ FailedEntryCount: number; Entries: EntryResult[] }> {
    const entries = (body as { Entries?: unknown } | null)?.Entries;
    if (!Array.isArray(entries) || entries.length < 1 || entries.length > MAX_ENTRIES) {
      throw new AwsJsonError(
        400,
        'ValidationException',
        `1 validation error detected: Value at 'entries' failed to satisfy constraint: Member must have length between 1 and ${MAX_ENTRIES}`,
      );
    }
    const results: EntryResult[] = [];
    const accepted: RoutedEvent[] = [];
    for (const entry of entries as PutEventsEntry[]) {
      const routed = toEvent(entry ?? {});
      if ('ErrorCode' in routed) {
        results.push(routed);
      } else {
        results.push({ EventId: routed.event.id });
        accepted.push(routed);
      }
    }
    await accept(accepted);
    return { FailedEntryCount: results.length - accepted.length, Entries: results };
  }

  /** Archives the events, then delivers each to the matching rules of its bus. */
  async function accept(events: readonly RoutedEvent[]): Promise<void> {
    if (events.length === 0) return;
    await append(archiveFile, events.map(({ event }) => `${JSON.stringify(event)}\n`).join(''));
    for (const { bus, event } of events) route(bus, event);
  }

  async function putServiceEvent(serviceEvent: ServiceEvent): Promise<string> {
    const event = busEvent(serviceEvent);
    await accept([{ bus: 'default', event }]);
    return event.id;
  }

  function route(bus: EventBusKind, event: BusEvent): void {
    for (const rule of options.rules) {
      if (busOf(rule) !== bus || !matchesEventPattern(rule.eventPattern, event)) continue;
      const delivery = deliver(rule, event).finally(() => pending.delete(delivery));
      pending.add(delivery);
    }
  }

  async function deliver(rule: LocalEventRule, event: BusEvent): Promise<void> {
    // After the PutEvents answer, like EventBridge: publishing never waits for consumers.
    await delay(0);
    const attempts = retryAttempts + 1;
    let lastError: unknown;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      try {
        await invokeTarget(rule, event);
        return;
      } catch (error) {
        lastError = error;
        options.log.debug(
          `rule ${rule.id}: attempt ${attempt}/${attempts} failed for event ${event.id}: ${String(error)}`,
        );
        if (attempt < attempts) await delay(retryBackoffMs * 2 ** (attempt - 1));
      }
    }
    const error =
      lastError instanceof Error
        ? { name: lastError.name, message: lastError.message, stack: lastError.stack }
        : { name: 'Error', message: String(lastError) };
    options.log.warn(
      `rule ${rule.id}: event ${event.id} (${event['detail-type']}) failed ${attempts} times, sent to ${DEAD_LETTER_FILE}: ${error.message}`,
    );
    await append(
      deadLetterFile,
      `${JSON.stringify({ ruleId: rule.id, target: rule.target.handler, attempts, failedAt: new Date().toISOString(), error, event })}\n`,
    );
  }

  async function invokeTarget(rule: LocalEventRule, event: BusEvent): Promise<void> {
    const loaded = await options.loadHandler(rule.target.handler);
    loaded.takeColdStart();
    const timeoutMs = rule.target.timeoutSeconds ? rule.target.timeoutSeconds * 1000 : targetTimeoutMs;
    const context = createLambdaContext(rule.id, loaded, timeoutMs);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`Task timed out after ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      await Promise.race([Promise.resolve().then(() => loaded.handler(event, context)), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  async function drain(): Promise<void> {
    while (pending.size > 0) await Promise.allSettled([...pending]);
    await writes;
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      options.log.error('local EventBridge request failed', error);
      if (!response.headersSent) sendJson(response, 500, { __type: 'InternalException', message: 'Internal error' });
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    // Not part of EventBridge: lets a test in another process wait for deliveries to settle.
    if (request.method === 'POST' && request.url === '/_local/drain') {
      await drain();
      sendJson(response, 200, { pending: 0 });
      return;
    }
    const target = request.headers['x-amz-target'];
    const body = await readBody(request);
    try {
      if (request.method !== 'POST' || target === undefined) {
        throw new AwsJsonError(400, 'UnknownOperationException', 'Missing or invalid X-Amz-Target header');
      }
      if (target !== 'AWSEvents.PutEvents') {
        throw new AwsJsonError(
          400,
          'UnknownOperationException',
          `The local EventBridge implements PutEvents only, not ${target}`,
        );
      }
      if (body.length > MAX_REQUEST_BYTES) {
        throw new AwsJsonError(
          400,
          'ValidationException',
          'Total size of the entries in the request is over the limit.',
        );
      }
      let parsed: unknown;
      try {
        parsed = JSON.parse(body.toString('utf8'));
      } catch {
        throw new AwsJsonError(400, 'SerializationException', 'Request body is not valid JSON');
      }
      sendJson(response, 200, await putEvents(parsed));
    } catch (error) {
      if (!(error instanceof AwsJsonError)) throw error;
      sendJson(response, error.status, { __type: error.type, message: error.message });
    }
  }

  const endpoint = await listenOnLoopback(server, options.port);

  return {
    endpoint,
    putServiceEvent,
    drain,
    async stop() {
      await closeServer(server);
    },
  };
}

/** An accepted event and the bus it was put on. */
interface RoutedEvent {
  bus: EventBusKind;
  event: BusEvent;
}

/** The event EventBridge makes of an entry: a fresh id, the account and region, time to the second. */
function busEvent(entry: ServiceEvent): BusEvent {
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': entry.detailType,
    source: entry.source,
    account: LOCAL_ACCOUNT_ID,
    time: entry.time.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    region: LOCAL_REGION,
    resources: entry.resources,
    detail: entry.detail,
  };
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  sendAwsJson(response, status, body, '1.1');
}
