import type { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { ENV } from '#shared/config/env';
import { SEARCH_INDEX_QUEUE } from '#shared/search/index-queue';
import { SYNTH_TIMEOUT_MS, type SynthesizedStage, synthesizeStage } from './support/synth.ts';
import { type CfnResource, resourcesOf, variablesOf } from './support/templates.ts';

/** The queue resources of the main stack: the FIFO queue with a redrive policy, and its DLQ. */
function searchQueues(main: Template): { queue: CfnResource; deadLetterQueue: CfnResource } {
  const queues = resourcesOf(main, 'AWS::SQS::Queue').filter((queue) => queue.logicalId.startsWith('SearchIndexing'));
  const queue = queues.find((candidate) => candidate.Properties.RedrivePolicy !== undefined);
  const deadLetterQueue = queues.find((candidate) => candidate !== queue);
  if (!queue || !deadLetterQueue) throw new Error('No search index queues in the main stack');
  return { queue, deadLetterQueue };
}

describe('search indexing (FIFO queue, consumer, DLQ alarm)', () => {
  let synth: SynthesizedStage;
  beforeAll(() => {
    synth = synthesizeStage('dev');
  }, SYNTH_TIMEOUT_MS);

  it('groups by project in a FIFO queue that redrives to a FIFO dead-letter queue after maxReceiveCount', () => {
    const { queue, deadLetterQueue } = searchQueues(synth.main);
    expect(queue.Properties).toMatchObject({
      FifoQueue: true,
      ContentBasedDeduplication: false,
      DeduplicationScope: 'messageGroup',
      FifoThroughputLimit: 'perMessageGroupId',
      SqsManagedSseEnabled: true,
      VisibilityTimeout: SEARCH_INDEX_QUEUE.visibilityTimeoutSeconds,
      RedrivePolicy: {
        deadLetterTargetArn: { 'Fn::GetAtt': [deadLetterQueue.logicalId, 'Arn'] },
        maxReceiveCount: SEARCH_INDEX_QUEUE.maxReceiveCount,
      },
    });
    expect(deadLetterQueue.Properties).toMatchObject({ FifoQueue: true, SqsManagedSseEnabled: true });
    // AWS's rule for Lambda-fed queues: the visibility timeout covers the consumer's timeout several times over.
    expect(SEARCH_INDEX_QUEUE.visibilityTimeoutSeconds).toBeGreaterThanOrEqual(
      6 * SEARCH_INDEX_QUEUE.consumerTimeoutSeconds,
    );
  });

  it('feeds the consumer in batches that report failed items, and lets it read the table and write the index objects', () => {
    const { queue } = searchQueues(synth.main);
    const [mapping] = resourcesOf(synth.main, 'AWS::Lambda::EventSourceMapping');
    expect(mapping?.Properties).toMatchObject({
      EventSourceArn: { 'Fn::GetAtt': [queue.logicalId, 'Arn'] },
      BatchSize: SEARCH_INDEX_QUEUE.batchSize,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
    const [consumer] = resourcesOf(synth.main, 'AWS::Lambda::Function').filter((fn) =>
      fn.logicalId.startsWith('SearchIndexingConsumer'),
    );
    expect(consumer?.Properties.Timeout).toBe(SEARCH_INDEX_QUEUE.consumerTimeoutSeconds);
    expect(Object.keys(variablesOf(consumer!))).toEqual(expect.arrayContaining([ENV.tableName, ENV.artifactsBucket]));
    expect(Object.keys(variablesOf(consumer!))).not.toContain(ENV.eventBusName);
  });

  it('gives the forwarder and the reindex route the queue URL and SendMessage on it, nothing else of it', () => {
    const forwarders = [...synth.services.values()].flatMap((template) =>
      resourcesOf(template, 'AWS::Lambda::Function').filter(
        (fn) => fn.logicalId.startsWith('ForwardToSearchIndex') || fn.logicalId.startsWith('ReindexProject'),
      ),
    );
    expect(forwarders).toHaveLength(2);
    for (const fn of forwarders)
      expect(variablesOf(fn)[ENV.searchIndexQueueUrl]).toEqual({ Ref: 'SearchIndexQueueUrl' });
  });

  it('alarms on the first message in the dead-letter queue', () => {
    const { deadLetterQueue } = searchQueues(synth.main);
    const alarms = resourcesOf(synth.main, 'AWS::CloudWatch::Alarm').filter((alarm) =>
      JSON.stringify(alarm.Properties.Dimensions ?? []).includes(deadLetterQueue.logicalId),
    );
    expect(alarms).toHaveLength(1);
    expect(alarms[0]!.Properties).toMatchObject({
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Namespace: 'AWS/SQS',
      ComparisonOperator: 'GreaterThanThreshold',
      Threshold: 0,
    });
  });
});
