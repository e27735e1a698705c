import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { Context, EventBridgeEvent } from 'aws-lambda';
import { EventEnvelope } from '#shared/events/catalogue';
import { logger, powertoolsLogger } from '#shared/observability';
import { indexChangeOf } from '#shared/search/indexing-rules';
import { queueIndexMessage } from '#shared/search/queue';

// The rule's target that puts each domain event in its project's group of the search index's FIFO queue.

/**
 * The target of the ForwardToSearchIndex rule: the envelope is validated (a malformed event
 * throws, is retried and dead-lettered like any consumer's), its change queued in the
 * project's group with the event id as deduplication id. Only the id of the changed item is
 * read from `data`: the consumer reads the item itself from the table.
 */
export const forwardToIndexQueue = middy<EventBridgeEvent<string, unknown>, void, Error, Context>(
  async (event: EventBridgeEvent<string, unknown>) => {
    const envelope = EventEnvelope.parse(event.detail);
    logger.appendKeys({ eventId: envelope.eventId, correlationId: envelope.correlationId });
    const change = indexChangeOf(event['detail-type'], envelope);
    if (!change) {
      logger.warn('Event names no indexed item; not forwarded', { detailType: event['detail-type'] });
      return;
    }
    await queueIndexMessage(change);
  },
).use(injectLambdaContext(powertoolsLogger(), { resetKeys: true }));
