import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { Context, EventBridgeEvent } from 'aws-lambda';
import type * as z from 'zod/mini';
import {
  EventEnvelope as EnvelopeSchema,
  EVENT_CATALOGUE,
  type EventData,
  type EventEnvelope,
  type EventType,
  isEventType,
} from '#shared/events/catalogue';
import { logger, powertoolsLogger } from '#shared/observability';

/** An event as a consumer sees it once its envelope and its `data` are validated against the catalogue. */
export interface ConsumedEvent<T extends EventType = EventType> {
  id: string;
  type: T;
  source: string;
  envelope: EventEnvelope & { data: EventData<T> };
}

/** An event an AWS service emitted (`source: aws.*`), its `detail` validated against the consumer's schema. */
export interface ConsumedAwsEvent<Detail> {
  id: string;
  type: string;
  source: string;
  time: string;
  resources: string[];
  detail: Detail;
}

/**
 * The one middy stack of every EventBridge target: Lambda context in the logs (keys reset per
 * invocation), nothing caught, so a throw makes EventBridge/Lambda retry and finally
 * dead-letter the event.
 */
function eventTarget(handle: (event: EventBridgeEvent<string, unknown>) => Promise<void>) {
  return middy<EventBridgeEvent<string, unknown>, void, Error, Context>(handle).use(
    injectLambdaContext(powertoolsLogger(), { resetKeys: true }),
  );
}

/**
 * Wraps the target of a rule on the platform bus for the event types it `accepts`. The
 * envelope, and `data` against the catalogue schema of the event's `detail-type`, are
 * validated and the correlation id joins the logs. Another type or a malformed event throws,
 * like any error of the consumer, so EventBridge retries and finally dead-letters it.
 * Consumers must be idempotent on `envelope.eventId`.
 */
export function eventHandler<T extends EventType>(
  accepts: readonly T[],
  consume: (event: ConsumedEvent<T>) => Promise<void>,
) {
  return eventTarget(async (event) => {
    const type = event['detail-type'];
    if (!isEventType(type) || !(accepts as readonly string[]).includes(type)) {
      throw new Error(`This consumer does not accept events of type ${type}`);
    }
    const envelope = EnvelopeSchema.parse(event.detail);
    logger.appendKeys({ eventId: envelope.eventId, correlationId: envelope.correlationId });
    const data = EVENT_CATALOGUE[type].data.parse(envelope.data) as EventData<T>;
    await consume({ id: event.id, type: type as T, source: event.source, envelope: { ...envelope, data } });
  });
}

/**
 * Wraps the target of a rule for AWS service events (on the account's default bus), which
 * carry the service's own `detail` rather than the platform envelope: `detail` is validated
 * against `detailSchema` (a malformed event throws and ends in the DLQ after the retries), the
 * event id joins the logs. Same error contract as `eventHandler`; consumers must be
 * idempotent, since EventBridge delivers at least once.
 */
export function awsEventHandler<Detail>(
  detailSchema: z.ZodMiniType<Detail>,
  consume: (event: ConsumedAwsEvent<Detail>) => Promise<void>,
) {
  return eventTarget(async (event) => {
    logger.appendKeys({ eventId: event.id, eventSource: event.source, eventType: event['detail-type'] });
    await consume({
      id: event.id,
      type: event['detail-type'],
      source: event.source,
      time: event.time,
      resources: event.resources ?? [],
      detail: detailSchema.parse(event.detail),
    });
  });
}
