import { randomUUID } from 'node:crypto';
import { appendFile, mkdir } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { LOCAL_ACCOUNT_ID, LOCAL_REGION } from './aws-env.ts';
import { type EventPattern, matchesEventPattern, validateEventPattern } from './event-pattern.ts';
import { closeServer, listenOnLoopback, readBody, sendAwsJson } from './http-server.ts';
import { createLambdaContext, type HandlerLoader } from './lambda-runtime.ts';
import type { Logger } from './log.ts';

/** A rule as the local bus needs it: the shape of an EVENT_RULES entry. */
export interface LocalEventRule {
  id: string;
  eventPattern: EventPattern;
  target: { handler: string };
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
 * retries and a dead-letter file (`dlq.jsonl`) after the last failure.
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

  const busArn = `arn:aws:events:${LOCAL_REGION}:${LOCAL_ACCOUNT_ID}:event-bus/${options.busName}`;

  function toEvent(entry: PutEventsEntry): BusEvent | { ErrorCode: string; ErrorMessage: string } {
    const busName = entry.EventBusName ?? 'default';
    if (busName !== options.busName && busName !== busArn) {
      return { ErrorCode: 'ResourceNotFoundException', ErrorMessage: `Event bus ${String(busName)} does not exist.` };
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
      version: '0',
      id: randomUUID(),
      'detail-type': entry.DetailType as string,
      source,
      account: LOCAL_ACCOUNT_ID,
      time: time.toISOString().replace(/\.\d{3}Z$/, 'Z'),
      region: LOCAL_REGION,
      resources: Array.isArray(entry.Resources) ? entry.Resources.map(String) : [],
      detail,
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
    const accepted: BusEvent[] = [];
    for (const entry of entries as PutEventsEntry[]) {
      const event = toEvent(entry ?? {});
      if ('ErrorCode' in event) {
        results.push(event);
      } else {
        results.push({ EventId: event.id });
        accepted.push(event);
      }
    }
    if (accepted.length > 0) {
      await append(archiveFile, accepted.map((event) => `${JSON.stringify(event)}\n`).join(''));
      for (const event of accepted) route(event);
    }
    return { FailedEntryCount: results.length - accepted.length, Entries: results };
  }

  function route(event: BusEvent): void {
    for (const rule of options.rules) {
      if (!matchesEventPattern(rule.eventPattern, event)) continue;
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
    const context = createLambdaContext(rule.id, loaded, targetTimeoutMs);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`Task timed out after ${targetTimeoutMs} ms`)), targetTimeoutMs);
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
    drain,
    async stop() {
      await closeServer(server);
    },
  };
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  sendAwsJson(response, status, body, '1.1');
}
