import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { ENV, requireEnv } from '#shared/config/env';
import type { IndexMessage } from '#shared/search/indexing-rules';

// The search index's FIFO queue: one message group per project, so one project's changes are
// applied in order and by one consumer at a time, while projects proceed in parallel.

const queueUrl = requireEnv(ENV.searchIndexQueueUrl);
const sqs = new SQSClient({});

/**
 * Queues a change or a rebuild for the project's group. The deduplication id is the event's
 * id (or the rebuild request's): a redelivered event within SQS's 5-minute window is dropped
 * there, a later one is a no-op in the index.
 */
export async function queueIndexMessage(message: IndexMessage): Promise<void> {
  await sqs.send(
    new SendMessageCommand({
      QueueUrl: queueUrl,
      MessageBody: JSON.stringify(message),
      MessageGroupId: message.projectId,
      MessageDeduplicationId: message.kind === 'change' ? message.eventId : message.requestId,
    }),
  );
}
