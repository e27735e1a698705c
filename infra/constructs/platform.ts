import { CfnParameter, type NestedStack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { TABLE_DEFINITION } from '#shared/data/table-definition';

/**
 * The shared resources every Lambda may be bound to. They live in the main stack; service
 * stacks see them through `importPlatform`, so one type serves both places.
 */
export interface PlatformResources {
  readonly table: dynamodb.ITable;
  readonly artifactsBucket: s3.IBucket;
  /** The KMS key stored secrets are sealed under (`RouteAccess.secrets`). */
  readonly secretsKey: kms.IKey;
  readonly eventBus: events.IEventBus;
  /** Where EventBridge targets and async Lambda invocations put what they could not deliver. */
  readonly eventTargetDeadLetterQueue: sqs.IQueue;
  readonly userPool: cognito.IUserPool;
  readonly userPoolClient: cognito.IUserPoolClient;
  readonly alarmTopic: sns.ITopic;
  /** The search index's FIFO queue (`RouteAccess.searchIndexQueue`). */
  readonly searchIndexQueue: sqs.IQueue;
  /** The HTTP API's public base URL without a trailing slash (see `Api.publicUrl`), for PUBLIC_API_URL. */
  readonly publicApiUrl: string;
}

/**
 * Re-declares the platform inside a nested stack as explicitly named CloudFormation
 * parameters (TableName, ArtifactsBucketName, ...) and returns imported handles to them.
 *
 * Why not let CDK wire cross-stack references itself: its generated parameter names hash the
 * parent's construct paths, so IAM policies (and the cdk-nag findings naming them) would change
 * whenever the main stack is refactored. Named parameters make each service template readable
 * on its own and keep every grant and acknowledgement stable.
 */
export function importPlatform(stack: NestedStack, platform: PlatformResources): PlatformResources {
  const parameter = (name: string, value: string, description: string): string =>
    nestedStackParameter(stack, name, value, description);
  return {
    table: dynamodb.Table.fromTableAttributes(stack, 'ImportedTable', {
      tableName: parameter('TableName', platform.table.tableName, 'The platform table'),
      // Without the index names an imported table grants nothing on its GSIs.
      globalIndexes: TABLE_DEFINITION.globalSecondaryIndexes.map((index) => index.indexName),
    }),
    artifactsBucket: s3.Bucket.fromBucketName(
      stack,
      'ImportedArtifactsBucket',
      parameter('ArtifactsBucketName', platform.artifactsBucket.bucketName, 'The artifacts bucket'),
    ),
    secretsKey: kms.Key.fromKeyArn(
      stack,
      'ImportedSecretsKey',
      parameter('SecretsKeyArn', platform.secretsKey.keyArn, 'The KMS key stored secrets are sealed under'),
    ),
    eventBus: events.EventBus.fromEventBusName(
      stack,
      'ImportedEventBus',
      parameter('EventBusName', platform.eventBus.eventBusName, 'The platform event bus'),
    ),
    eventTargetDeadLetterQueue: sqs.Queue.fromQueueArn(
      stack,
      'ImportedEventTargetDeadLetterQueue',
      parameter(
        'EventTargetDeadLetterQueueArn',
        platform.eventTargetDeadLetterQueue.queueArn,
        'Dead-letter queue of event targets',
      ),
    ),
    userPool: cognito.UserPool.fromUserPoolId(
      stack,
      'ImportedUserPool',
      parameter('UserPoolId', platform.userPool.userPoolId, 'The Cognito user pool'),
    ),
    userPoolClient: cognito.UserPoolClient.fromUserPoolClientId(
      stack,
      'ImportedUserPoolClient',
      parameter('UserPoolClientId', platform.userPoolClient.userPoolClientId, 'The Cognito app client'),
    ),
    alarmTopic: sns.Topic.fromTopicArn(
      stack,
      'ImportedAlarmTopic',
      parameter('AlarmTopicArn', platform.alarmTopic.topicArn, 'Topic every alarm notifies'),
    ),
    searchIndexQueue: sqs.Queue.fromQueueAttributes(stack, 'ImportedSearchIndexQueue', {
      queueArn: parameter('SearchIndexQueueArn', platform.searchIndexQueue.queueArn, "The search index's FIFO queue"),
      queueUrl: parameter(
        'SearchIndexQueueUrl',
        platform.searchIndexQueue.queueUrl,
        "The search index's FIFO queue URL",
      ),
      fifo: true,
    }),
    publicApiUrl: parameter('PublicApiUrl', platform.publicApiUrl, "The HTTP API's public base URL"),
  };
}

/**
 * Declares a named string parameter in a nested stack, fed with `value` from the parent, and
 * returns the parameter's value inside the nested stack.
 */
export function nestedStackParameter(stack: NestedStack, name: string, value: string, description: string): string {
  stack.setParameter(name, value);
  return new CfnParameter(stack, name, { type: 'String', description }).valueAsString;
}
