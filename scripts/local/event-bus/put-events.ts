import { randomUUID } from 'node:crypto';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { EventBusKind } from '#shared/events/rules';
import { LOCAL_ACCOUNT_ID, LOCAL_REGION } from '../aws-env.ts';
import type { BusEvent, ServiceEvent } from '../event-bus.ts';
import { readBody, sendAwsJson } from '../http-server.ts';
import type { Logger } from '../log.ts';

/** The name every account's own bus has. */
const DEFAULT_BUS_NAME = 'default';

/** PutEvents limits (EventBridge quotas). */
const MAX_ENTRIES = 10;
const MAX_REQUEST_BYTES = 256 * 1024;

/** An accepted event and the bus it was put on. */
export interface RoutedEvent {
  bus: EventBusKind;
  event: BusEvent;
}

/** What the PutEvents endpoint hands accepted events to, and how it waits for them. */
export interface PutEventsEndpointOptions {
  /** The platform bus; the account's `default` bus exists besides it. */
  busName: string;
  /** Archives and routes the accepted entries of one request. */
  accept(events: readonly RoutedEvent[]): Promise<void>;
  drain(): Promise<void>;
  log: Logger;
}

interface PutEventsEntry {
  Source?: unknown;
  DetailType?: unknown;
  Detail?: unknown;
  EventBusName?: unknown;
  Resources?: unknown;
  Time?: unknown;
}

type EntryError = { ErrorCode: string; ErrorMessage: string };
type EntryResult = { EventId: string } | EntryError;

class AwsJsonError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

/** The event EventBridge makes of an entry: a fresh id, the account and region, time to the second. */
export function busEvent(entry: ServiceEvent): BusEvent {
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

/**
 * The request listener of the local EventBridge: the AWS JSON 1.1 protocol of
 * `AWSEvents.PutEvents`, so the unchanged SDK client works against it.
 */
export function createPutEventsListener(options: PutEventsEndpointOptions): RequestListener {
  const busNamed = busResolver(options.busName);

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    // Not part of EventBridge: lets a test in another process wait for deliveries to settle.
    if (request.method === 'POST' && request.url === '/_local/drain') {
      await options.drain();
      sendJson(response, 200, { pending: 0 });
      return;
    }
    try {
      const entries = await readPutEventsRequest(request);
      sendJson(response, 200, await putEvents(entries));
    } catch (error) {
      if (!(error instanceof AwsJsonError)) throw error;
      sendJson(response, error.status, { __type: error.type, message: error.message });
    }
  }

  async function putEvents(entries: PutEventsEntry[]): Promise<{ FailedEntryCount: number; Entries: EntryResult[] }> {
    const results: EntryResult[] = [];
    const accepted: RoutedEvent[] = [];
    for (const entry of entries) {
      const routed = toRoutedEvent(entry ?? {}, busNamed);
      if ('ErrorCode' in routed) {
        results.push(routed);
      } else {
        results.push({ EventId: routed.event.id });
        accepted.push(routed);
      }
    }
    await options.accept(accepted);
    return { FailedEntryCount: results.length - accepted.length, Entries: results };
  }

  return (request, response) => {
    handle(request, response).catch((error: unknown) => {
      options.log.error('local EventBridge request failed', error);
      if (!response.headersSent) sendJson(response, 500, { __type: 'InternalException', message: 'Internal error' });
    });
  };
}

/** The entries of a PutEvents request, or the AwsJsonError EventBridge answers it with. */
async function readPutEventsRequest(request: IncomingMessage): Promise<PutEventsEntry[]> {
  const target = request.headers['x-amz-target'];
  const body = await readBody(request);
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
    throw new AwsJsonError(400, 'ValidationException', 'Total size of the entries in the request is over the limit.');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    throw new AwsJsonError(400, 'SerializationException', 'Request body is not valid JSON');
  }
  const entries = (parsed as { Entries?: unknown } | null)?.Entries;
  if (!Array.isArray(entries) || entries.length < 1 || entries.length > MAX_ENTRIES) {
    throw new AwsJsonError(
      400,
      'ValidationException',
      `1 validation error detected: Value at 'entries' failed to satisfy constraint: Member must have length between 1 and ${MAX_ENTRIES}`,
    );
  }
  return entries as PutEventsEntry[];
}

/** A bus by name or ARN, as PutEvents takes it. */
function busResolver(platformBusName: string): (name: unknown) => EventBusKind | undefined {
  const busArn = (name: string) => `arn:aws:events:${LOCAL_REGION}:${LOCAL_ACCOUNT_ID}:event-bus/${name}`;
  return (name) => {
    if (name === platformBusName || name === busArn(platformBusName)) return 'platform';
    if (name === DEFAULT_BUS_NAME || name === busArn(DEFAULT_BUS_NAME)) return 'default';
    return undefined;
  };
}

/** One entry as EventBridge takes it, or the error it reports for the entry. */
function toRoutedEvent(
  entry: PutEventsEntry,
  busNamed: (name: unknown) => EventBusKind | undefined,
): RoutedEvent | EntryError {
  // No EventBusName: the default bus, as in EventBridge.
  const bus = busNamed(entry.EventBusName ?? DEFAULT_BUS_NAME);
  if (bus === undefined) {
    return {
      ErrorCode: 'ResourceNotFoundException',
      ErrorMessage: `Event bus ${String(entry.EventBusName)} does not exist.`,
    };
  }
  const invalid = missingField(entry);
  if (invalid) return invalid;
  const source = entry.Source as string;
  if (source.startsWith('aws.')) {
    return { ErrorCode: 'NotAuthorizedForSourceException', ErrorMessage: `Not authorized for the source ${source}.` };
  }
  const detail = detailObject(entry.Detail as string);
  if (detail === undefined) return { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' };
  const time = typeof entry.Time === 'number' ? new Date(entry.Time * 1000) : new Date();
  return {
    bus,
    event: busEvent({
      source,
      detailType: entry.DetailType as string,
      resources: Array.isArray(entry.Resources) ? entry.Resources.map(String) : [],
      detail,
      time,
    }),
  };
}

/** The error for the first required string field an entry lacks. */
function missingField(entry: PutEventsEntry): EntryError | undefined {
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
  return undefined;
}

/** Detail must be a JSON object; anything else is malformed. */
function detailObject(text: string): Record<string, unknown> | undefined {
  let detail: unknown;
  try {
    detail = JSON.parse(text);
  } catch {
    return undefined;
  }
  return typeof detail === 'object' && detail !== null && !Array.isArray(detail)
    ? (detail as Record<string, unknown>)
    : undefined;
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  sendAwsJson(response, status, body, '1.1');
}
