import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { Context, EventBridgeEvent, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { EventEnvelope } from '#shared/events/catalogue';
import { logger, powertoolsLogger } from '#shared/observability';
import { applyIndexMessages } from '#shared/search/indexing';
import {
  type BatchMessage,
  failedMessageIds,
  groupByProject,
  type IndexMessage,
  indexChangeOf,
  parseIndexMessage,
} from '#shared/search/indexing-rules';
import { queueIndexMessage } from '#shared/search/queue';

// The two ends of the search index's queue: the rule's target that puts each domain event in
// its project's FIFO group, and the queue's consumer that applies a batch, project by project.

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

/**
 * The consumer of the index queue (event source mapping with ReportBatchItemFailures): each
 * project's messages are applied in order and its index saved once; a project that fails has
 * all its messages of the batch returned, the others are done. A malformed message fails its
 * project too, and after the queue's maxReceiveCount goes to the dead-letter queue.
 */
export const applyIndexQueueBatch = middy<SQSEvent, SQSBatchResponse, Error, Context>(async (event: SQSEvent) => {
  const messages = event.Records.map((record) => ({
    messageId: record.messageId,
    projectId: record.attributes.MessageGroupId ?? '',
    body: record.body,
  }));
  const failed = new Set<string>();
  for (const [projectId, group] of groupByProject<BatchMessage & { body: string }>(messages)) {
    try {
      const parsed: IndexMessage[] = group.map((message) => parseIndexMessage(message.body));
      const outcome = await applyIndexMessages(projectId, parsed);
      logger.info('Search index updated', { projectId, messages: group.length, ...outcome });
    } catch (error) {
      logger.error('Search index update failed; the messages go back to the queue', { projectId, error });
      failed.add(projectId);
    }
  }
  return {
    batchItemFailures: failedMessageIds(messages, failed).map((itemIdentifier) => ({ itemIdentifier })),
  };
}).use(injectLambdaContext(powertoolsLogger(), { resetKeys: true }));
