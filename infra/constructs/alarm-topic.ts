import { Duration, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import type { StageConfig } from '#infra/config/stages';
import { namePrefixOf, removalPolicyOf } from '#infra/constructs/stage-defaults';

export interface AlarmTopicProps {
  readonly config: StageConfig;
}

/**
 * The one SNS topic every alarm notifies, subscribed by the stage's alarm emails. Encrypted with
 * a key of its own: CloudWatch cannot publish to a topic under the AWS-managed SNS key.
 */
export class AlarmTopic extends Construct {
  public readonly topic: sns.Topic;
  public readonly key: kms.Key;

  constructor(scope: Construct, id: string, props: AlarmTopicProps) {
    super(scope, id);
    const { config } = props;

    this.key = new kms.Key(this, 'Key', {
      description: `Encrypts the Trellis ${config.stage} alarm topic`,
      enableKeyRotation: true,
      pendingWindow: Duration.days(7),
      removalPolicy: removalPolicyOf(config),
    });
    // CloudWatch alarms publish as the CloudWatch service, which must be able to use the key.
    this.key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowCloudWatchAlarmsToPublish',
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
    );

    this.topic = new sns.Topic(this, 'Topic', {
      topicName: `${namePrefixOf(config)}-alarms`,
      displayName: `Trellis ${config.stage} alarms`,
      masterKey: this.key,
      enforceSSL: true,
    });
    for (const email of config.alarms.emails) {
      this.topic.addSubscription(new subscriptions.EmailSubscription(email));
    }
  }
}
