import { Duration } from 'aws-cdk-lib';
import * as lambdaEventSources from 'aws-cdk-lib/aws-lambda-event-sources';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { StageConfig } from '#infra/config/stages';
import { acknowledgeNag } from '#infra/constructs/nag';
import type { PlatformResources } from '#infra/constructs/platform';
import { TrellisFunction } from '#infra/constructs/trellis-function';
import { SEARCH_INDEX_QUEUE } from '#shared/search/index-queue';

export interface SearchIndexingProps {
  readonly config: StageConfig;
}

/**
 * The search index's FIFO queue, one message group per project (the ForwardToSearchIndex
 * rule's target puts each change there, EventBridge's SQS target having one static group),
 * its dead-letter queue, and, once the platform exists, the consumer its event source mapping
 * invokes (`addConsumer`). Deduplication per group and per-group throughput: projects do not
 * slow each other down.
 */
export class SearchIndexing extends Construct {
  public readonly queue: sqs.Queue;
  /** Messages received `maxReceiveCount` times without success; the DLQ alarm watches it. */
  public readonly deadLetterQueue: sqs.Queue;
  public consumer: TrellisFunction | undefined;

  constructor(scope: Construct, id: string, _props: SearchIndexingProps) {
    super(scope, id);
    this.deadLetterQueue = new sqs.Queue(this, 'DeadLetterQueue', {
      fifo: true,
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    acknowledgeNag(
      this.deadLetterQueue,
      'AwsSolutions-SQS3',
      'This queue is the dead-letter queue of the search index queue; a DLQ of a DLQ adds nothing',
    );
    this.queue = new sqs.Queue(this, 'Queue', {
      fifo: true,
      contentBasedDeduplication: false,
      deduplicationScope: sqs.DeduplicationScope.MESSAGE_GROUP,
      fifoThroughputLimit: sqs.FifoThroughputLimit.PER_MESSAGE_GROUP_ID,
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      visibilityTimeout: Duration.seconds(SEARCH_INDEX_QUEUE.visibilityTimeoutSeconds),
      retentionPeriod: Duration.days(4),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: SEARCH_INDEX_QUEUE.maxReceiveCount },
    });
  }

  /** The consumer: reads the changed items, writes each project's index object. */
  public addConsumer(platform: PlatformResources, config: StageConfig): TrellisFunction {
    const consumer = new TrellisFunction(this, 'Consumer', {
      name: SEARCH_INDEX_QUEUE.consumerId,
      entry: SEARCH_INDEX_QUEUE.handler,
      description: `${SEARCH_INDEX_QUEUE.consumerId}: applies queued changes to each project's search index, in order per project`,
      invokedBy: 'events',
      timeout: Duration.seconds(SEARCH_INDEX_QUEUE.consumerTimeoutSeconds),
      access: { table: 'read', artifacts: 'readWrite' },
      platform,
      config,
    });
    consumer.function.addEventSource(
      new lambdaEventSources.SqsEventSource(this.queue, {
        batchSize: SEARCH_INDEX_QUEUE.batchSize,
        reportBatchItemFailures: true,
      }),
    );
    this.consumer = consumer;
    return consumer;
  }
}
