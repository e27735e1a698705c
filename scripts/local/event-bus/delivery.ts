import { setTimeout as delay } from 'node:timers/promises';
import { busOf, type EventBusKind } from '#shared/events/rules';
import type { BusEvent, LocalEventRule } from '../event-bus.ts';
import { matchesEventPattern } from '../event-pattern.ts';
import { type HandlerLoader, invokeWithTimeout, TIMED_OUT } from '../lambda-runtime.ts';
import type { Logger } from '../log.ts';

export interface EventDeliveryOptions {
  rules: readonly LocalEventRule[];
  loadHandler: HandlerLoader;
  log: Logger;
  /** Retries after the first failed delivery. */
  retryAttempts: number;
  /** Wait before the first retry; doubles for each further one. */
  retryBackoffMs: number;
  /** Timeout of a target that declares none. */
  targetTimeoutMs: number;
  /** Where a delivery goes after its last failed attempt: one JSON line. */
  sendToDeadLetters(line: string): Promise<void>;
  /** Named in the warning a dead-lettered delivery logs. */
  deadLetterFile: string;
}

export interface EventDelivery {
  /** Starts delivering the event to every matching rule of its bus, without waiting for them. */
  route(bus: EventBusKind, event: BusEvent): void;
  /** Resolves once no delivery (or retry) is pending. */
  drain(): Promise<void>;
}

/**
 * Delivers events to rule targets asynchronously, like EventBridge: each matching rule's
 * target is invoked in-process, retried with exponential backoff, and after the last
 * failure the event goes to the dead letters with the error.
 */
export function createEventDelivery(options: EventDeliveryOptions): EventDelivery {
  const pending = new Set<Promise<void>>();
  const attempts = options.retryAttempts + 1;

  async function deliver(rule: LocalEventRule, event: BusEvent): Promise<void> {
    // After the PutEvents answer, like EventBridge: publishing never waits for consumers.
    await delay(0);
    let lastError: unknown;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      try {
        await invokeTarget(rule, event, options);
        return;
      } catch (error) {
        lastError = error;
        options.log.debug(
          `rule ${rule.id}: attempt ${attempt}/${attempts} failed for event ${event.id}: ${String(error)}`,
        );
        if (attempt < attempts) await delay(options.retryBackoffMs * 2 ** (attempt - 1));
      }
    }
    await deadLetter(rule, event, lastError);
  }

  async function deadLetter(rule: LocalEventRule, event: BusEvent, lastError: unknown): Promise<void> {
    const error =
      lastError instanceof Error
        ? { name: lastError.name, message: lastError.message, stack: lastError.stack }
        : { name: 'Error', message: String(lastError) };
    options.log.warn(
      `rule ${rule.id}: event ${event.id} (${event['detail-type']}) failed ${attempts} times, sent to ${options.deadLetterFile}: ${error.message}`,
    );
    await options.sendToDeadLetters(
      `${JSON.stringify({ ruleId: rule.id, target: rule.target.handler, attempts, failedAt: new Date().toISOString(), error, event })}\n`,
    );
  }

  return {
    route(bus, event) {
      for (const rule of options.rules) {
        if (busOf(rule) !== bus || !matchesEventPattern(rule.eventPattern, event)) continue;
        const delivery = deliver(rule, event).finally(() => pending.delete(delivery));
        pending.add(delivery);
      }
    },
    async drain() {
      while (pending.size > 0) await Promise.allSettled([...pending]);
    },
  };
}

/** One attempt: the rule's target handler, failing on a throw or on running past its timeout. */
async function invokeTarget(
  rule: LocalEventRule,
  event: BusEvent,
  { loadHandler, targetTimeoutMs }: EventDeliveryOptions,
): Promise<void> {
  const loaded = await loadHandler(rule.target.handler);
  loaded.takeColdStart();
  const timeoutMs = rule.target.timeoutSeconds ? rule.target.timeoutSeconds * 1000 : targetTimeoutMs;
  const result = await invokeWithTimeout(rule.id, loaded, event, timeoutMs);
  if (result === TIMED_OUT) throw new Error(`Task timed out after ${timeoutMs} ms`);
}
