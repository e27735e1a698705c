import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { LOCAL_ACCOUNT_ID, LOCAL_REGION } from '../aws-env.ts';
import { type HandlerLoader, invokeWithTimeout, TIMED_OUT } from '../lambda-runtime.ts';
import type { Logger } from '../log.ts';
import type { FifoQueue, ReceivedMessage } from './fifo-queue.ts';

export interface EventSourceMappingOptions {
  /** Names the function (the CDK construct's name), as the local bus names a rule's target. */
  functionName: string;
  handlerFile: string;
  queue: FifoQueue;
  loadHandler: HandlerLoader;
  /** Messages per invocation (the mapping's BatchSize). */
  batchSize: number;
  timeoutMs: number;
  log: Logger;
}

export interface EventSourceMapping {
  /** Resolves once the queue holds nothing receivable and no invocation runs. */
  drain(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Lambda's SQS event source mapping, locally: takes batches from the queue as they become
 * receivable and invokes the handler with the SQS event, ReportBatchItemFailures on: the
 * messages the handler names as failed (all of them when it throws or times out) stay in
 * flight until their visibility timeout, the others are deleted.
 */
export function startEventSourceMapping(options: EventSourceMappingOptions): EventSourceMapping {
  const { queue, log } = options;
  let stopped = false;
  let wake: (() => void) | undefined;
  const unsubscribe = queue.onChange(() => wake?.());
  const idleWaiters = new Set<() => void>();

  async function waitForWork(): Promise<void> {
    const visibleAt = queue.nextVisibleAt();
    await new Promise<void>((resolve) => {
      const timer = visibleAt === undefined ? undefined : setTimeout(resolve, Math.max(0, visibleAt - Date.now()) + 5);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
    wake = undefined;
  }

  async function invoke(batch: ReceivedMessage[]): Promise<Set<string>> {
    const loaded = await options.loadHandler(options.handlerFile);
    loaded.takeColdStart();
    const result = await invokeWithTimeout(
      options.functionName,
      loaded,
      toSqsEvent(batch, queue.name),
      options.timeoutMs,
    );
    if (result === TIMED_OUT) throw new Error(`Task timed out after ${options.timeoutMs} ms`);
    const failures = (result as SQSBatchResponse | undefined)?.batchItemFailures ?? [];
    return new Set(failures.map((failure) => failure.itemIdentifier));
  }

  const loop = (async () => {
    while (!stopped) {
      const batch = queue.receive(options.batchSize);
      if (batch.length === 0) {
        for (const resolve of idleWaiters) resolve();
        idleWaiters.clear();
        await waitForWork();
        continue;
      }
      let failed: Set<string>;
      try {
        failed = await invoke(batch);
      } catch (error) {
        log.warn(
          `${options.functionName}: batch of ${batch.length} failed, retried after the visibility timeout: ${String(error)}`,
        );
        failed = new Set(batch.map((message) => message.messageId));
      }
      for (const message of batch) {
        if (!failed.has(message.messageId)) queue.delete(message.receiptHandle);
      }
    }
  })();

  return {
    async drain() {
      if (queue.counts().visible === 0 && queue.counts().inFlight === 0) return;
      await new Promise<void>((resolve) => idleWaiters.add(resolve));
    },
    async stop() {
      stopped = true;
      unsubscribe();
      wake?.();
      await loop;
    },
  };
}

function toSqsEvent(batch: readonly ReceivedMessage[], queueName: string): SQSEvent {
  const queueArn = `arn:aws:sqs:${LOCAL_REGION}:${LOCAL_ACCOUNT_ID}:${queueName}`;
  return {
    Records: batch.map((message) => ({
      messageId: message.messageId,
      receiptHandle: message.receiptHandle,
      body: message.body,
      attributes: {
        ApproximateReceiveCount: String(message.receiveCount),
        SentTimestamp: String(message.sentAt),
        SenderId: LOCAL_ACCOUNT_ID,
        ApproximateFirstReceiveTimestamp: String(message.firstReceivedAt),
        MessageGroupId: message.groupId,
        MessageDeduplicationId: message.deduplicationId,
      },
      messageAttributes: {},
      md5OfBody: message.md5OfBody,
      eventSource: 'aws:sqs',
      eventSourceARN: queueArn,
      awsRegion: LOCAL_REGION,
    })),
  };
}
