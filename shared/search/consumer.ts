import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { logger, powertoolsLogger } from '#shared/observability';
import { applyIndexMessages } from '#shared/search/indexing';
import {
  type BatchMessage,
  failedMessageIds,
  groupByProject,
  type IndexMessage,
  parseIndexMessage,
} from '#shared/search/indexing-rules';

// The search index queue's consumer, apart from the forwarder: each Lambda initializes with
// only the environment it is given (the forwarder has the queue, the consumer the table and bucket).

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
