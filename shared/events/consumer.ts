import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { Context, EventBridgeEvent } from 'aws-lambda';
import { EventEnvelope as EnvelopeSchema, type EventEnvelope } from '#shared/events/catalogue';
import { logger } from '#shared/observability';

/** An event as a consumer sees it once its envelope is validated. */
export interface ConsumedEvent {
  id: string;
  type: string;
  source: string;
  envelope: EventEnvelope;
}

/**
 * Wraps an EventBridge target. The envelope is validated and the correlation id joins the
 * logs; errors are rethrown so EventBridge retries and finally dead-letters the event.
 * Consumers must be idempotent on `envelope.eventId`.
 */
export function eventHandler(consume: (event: ConsumedEvent) => Promise<void>) {
  return middy<EventBridgeEvent<string, unknown>, void, Error, Context>(
    async (event: EventBridgeEvent<string, unknown>) => {
      const envelope = EnvelopeSchema.parse(event.detail);
      logger.appendKeys({ eventId: envelope.eventId, correlationId: envelope.correlationId });
      await consume({ id: event.id, type: event['detail-type'], source: event.source, envelope });
    },
  ).use(injectLambdaContext(logger, { resetKeys: true }));
}
