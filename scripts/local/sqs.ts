import { z } from 'zod';
import { LOCAL_ACCOUNT_ID, LOCAL_REGION } from './aws-env.ts';
import { type AwsJsonOperation, parseRequest, startAwsJsonServer } from './aws-json.ts';
import type { Logger } from './log.ts';
import { FifoQueue, md5Of } from './sqs/fifo-queue.ts';
import { ServiceError } from './step-functions/service-error.ts';

export interface SqsLocal {
  endpoint: string;
  /** A queue's URL as GetQueueUrl answers it. */
  queueUrl(name: string): string;
  /** The queue itself, for the local event source mapping (in-process, as Lambda's poller is AWS's). */
  queue(name: string): FifoQueue;
  stop(): Promise<void>;
}

/** A FIFO queue to create at start, with its dead-letter queue. */
export interface LocalQueueDefinition {
  name: string;
  visibilityTimeoutSeconds: number;
  deadLetter?: { name: string; maxReceiveCount: number };
}

const TARGET_PREFIX = 'AmazonSQS.';
/** SQS's message size limit (256 KiB) plus the request around it. */
const MAX_REQUEST_BYTES = 300 * 1024;

const QueueUrl = z.string().min(1);

/**
 * The local SQS endpoint: the AWS JSON 1.0 protocol the SDK's SQS client speaks
 * (`X-Amz-Target: AmazonSQS.<Operation>`), for FIFO queues only (the platform has no other):
 * CreateQueue, GetQueueUrl, GetQueueAttributes, SendMessage, ReceiveMessage, DeleteMessage
 * and ChangeMessageVisibility, with the ordering, deduplication, visibility and redrive rules
 * of `FifoQueue`. Queues live in memory: a restart starts them empty (a lost change is what
 * `POST …/search/reindex` repairs).
 */
export async function startSqsLocal(options: {
  queues: readonly LocalQueueDefinition[];
  port?: number;
  log: Logger;
}): Promise<SqsLocal> {
  const queues = new Map<string, FifoQueue>();
  for (const definition of options.queues) {
    const deadLetterQueue = definition.deadLetter
      ? ensureQueue(queues, definition.deadLetter.name, definition.visibilityTimeoutSeconds)
      : undefined;
    queues.set(
      definition.name,
      new FifoQueue({
        name: definition.name,
        visibilityTimeoutSeconds: definition.visibilityTimeoutSeconds,
        deadLetterQueue,
        maxReceiveCount: definition.deadLetter?.maxReceiveCount,
      }),
    );
  }
  let endpoint = '';
  const urlOf = (name: string) => `${endpoint}/${LOCAL_ACCOUNT_ID}/${name}`;
  const queueAt = (url: string): FifoQueue => {
    const name = url.slice(url.lastIndexOf('/') + 1);
    const queue = queues.get(name);
    if (!queue) throw new ServiceError('QueueDoesNotExist', 'The specified queue does not exist.');
    return queue;
  };

  const operations: Record<string, AwsJsonOperation> = {
    CreateQueue: (body) => {
      const request = parseRequest(
        z.object({
          QueueName: z.string().regex(/^[A-Za-z0-9_-]{1,75}\.fifo$/),
          Attributes: z.record(z.string(), z.string()).optional(),
        }),
        body,
      );
      ensureQueue(queues, request.QueueName, Number(request.Attributes?.VisibilityTimeout ?? 30));
      return { QueueUrl: urlOf(request.QueueName) };
    },
    GetQueueUrl: (body) => {
      const { QueueName } = parseRequest(z.object({ QueueName: z.string() }), body);
      if (!queues.has(QueueName)) throw new ServiceError('QueueDoesNotExist', 'The specified queue does not exist.');
      return { QueueUrl: urlOf(QueueName) };
    },
    GetQueueAttributes: (body) => {
      const { QueueUrl: url } = parseRequest(
        z.object({ QueueUrl, AttributeNames: z.array(z.string()).optional() }),
        body,
      );
      const queue = queueAt(url);
      const counts = queue.counts();
      return {
        Attributes: {
          FifoQueue: 'true',
          QueueArn: `arn:aws:sqs:${LOCAL_REGION}:${LOCAL_ACCOUNT_ID}:${queue.name}`,
          VisibilityTimeout: String(queue.visibilityTimeoutSeconds),
          ApproximateNumberOfMessages: String(counts.visible),
          ApproximateNumberOfMessagesNotVisible: String(counts.inFlight),
        },
      };
    },
    SendMessage: (body) => {
      const request = parseRequest(
        z.object({
          QueueUrl,
          MessageBody: z
            .string()
            .min(1)
            .max(256 * 1024),
          MessageGroupId: z.string().regex(/^[\x21-\x7e]{1,128}$/),
          MessageDeduplicationId: z.string().regex(/^[\x21-\x7e]{1,128}$/),
        }),
        body,
      );
      const { messageId } = queueAt(request.QueueUrl).send(
        request.MessageBody,
        request.MessageGroupId,
        request.MessageDeduplicationId,
      );
      return { MessageId: messageId, MD5OfMessageBody: md5Of(request.MessageBody) };
    },
    ReceiveMessage: (body) => {
      const request = parseRequest(
        z.object({
          QueueUrl,
          MaxNumberOfMessages: z.number().int().min(1).max(10).optional(),
          VisibilityTimeout: z.number().int().min(0).max(43_200).optional(),
        }),
        body,
      );
      const received = queueAt(request.QueueUrl).receive(request.MaxNumberOfMessages ?? 1, request.VisibilityTimeout);
      return {
        Messages: received.map((message) => ({
          MessageId: message.messageId,
          ReceiptHandle: message.receiptHandle,
          MD5OfBody: message.md5OfBody,
          Body: message.body,
          Attributes: {
            MessageGroupId: message.groupId,
            MessageDeduplicationId: message.deduplicationId,
            ApproximateReceiveCount: String(message.receiveCount),
            SentTimestamp: String(message.sentAt),
          },
        })),
      };
    },
    DeleteMessage: (body) => {
      const request = parseRequest(z.object({ QueueUrl, ReceiptHandle: z.string() }), body);
      if (!queueAt(request.QueueUrl).delete(request.ReceiptHandle)) {
        throw new ServiceError('ReceiptHandleIsInvalid', 'The receipt handle is not the current one of a message.');
      }
      return {};
    },
    ChangeMessageVisibility: (body) => {
      const request = parseRequest(
        z.object({ QueueUrl, ReceiptHandle: z.string(), VisibilityTimeout: z.number().int().min(0).max(43_200) }),
        body,
      );
      if (!queueAt(request.QueueUrl).changeVisibility(request.ReceiptHandle, request.VisibilityTimeout)) {
        throw new ServiceError('MessageNotInflight', 'The message is not in flight.');
      }
      return {};
    },
  };

  const server = await startAwsJsonServer({
    service: 'SQS',
    targetPrefix: TARGET_PREFIX,
    protocolVersion: '1.0',
    maxRequestBytes: MAX_REQUEST_BYTES,
    operations,
    internalErrorType: 'InternalError',
    port: options.port,
    log: options.log,
  });
  endpoint = server.endpoint;
  return {
    endpoint,
    queueUrl: urlOf,
    queue(name) {
      const queue = queues.get(name);
      if (!queue) throw new Error(`No local queue ${name}`);
      return queue;
    },
    stop: () => server.stop(),
  };
}

function ensureQueue(queues: Map<string, FifoQueue>, name: string, visibilityTimeoutSeconds: number): FifoQueue {
  let queue = queues.get(name);
  if (!queue) {
    queue = new FifoQueue({ name, visibilityTimeoutSeconds });
    queues.set(name, queue);
  }
  return queue;
}
