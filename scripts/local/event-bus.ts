import { mkdir } from 'node:fs/promises';
import { createServer } from 'node:http';
import { join } from 'node:path';
import type { EventBusKind } from '#shared/events/rules';
import { createEventDelivery } from './event-bus/delivery.ts';
import { createOrderedAppender } from './event-bus/journal.ts';
import { busEvent, createPutEventsListener, type RoutedEvent } from './event-bus/put-events.ts';
import { type EventPattern, validateEventPattern } from './event-pattern.ts';
import { closeServer, listenOnLoopback } from './http-server.ts';
import type { HandlerLoader } from './lambda-runtime.ts';
import type { Logger } from './log.ts';

/** An event as an AWS service hands it to EventBridge (on the account's default bus). */
export interface ServiceEvent {
  source: string;
  detailType: string;
  resources: string[];
  detail: Record<string, unknown>;
  time: Date;
}

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
  const files = createOrderedAppender();
  const delivery = createEventDelivery({
    rules: options.rules,
    loadHandler: options.loadHandler,
    log: options.log,
    retryAttempts: options.retryAttempts ?? 2,
    retryBackoffMs: options.retryBackoffMs ?? 500,
    targetTimeoutMs: options.targetTimeoutMs ?? 30_000,
    sendToDeadLetters: (line) => files.append(deadLetterFile, line),
    deadLetterFile: DEAD_LETTER_FILE,
  });

  /** Archives the events, then delivers each to the matching rules of its bus. */
  async function accept(events: readonly RoutedEvent[]): Promise<void> {
    if (events.length === 0) return;
    await files.append(archiveFile, events.map(({ event }) => `${JSON.stringify(event)}\n`).join(''));
    for (const { bus, event } of events) delivery.route(bus, event);
  }

  async function drain(): Promise<void> {
    await delivery.drain();
    await files.settled();
  }

  const server = createServer(createPutEventsListener({ busName: options.busName, accept, drain, log: options.log }));
  const endpoint = await listenOnLoopback(server, options.port);
  return {
    endpoint,
    async putServiceEvent(serviceEvent) {
      const event = busEvent(serviceEvent);
      await accept([{ bus: 'default', event }]);
      return event.id;
    },
    drain,
    async stop() {
      await closeServer(server);
    },
  };
}
