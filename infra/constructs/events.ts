import { Duration, Stack } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as destinations from 'aws-cdk-lib/aws-lambda-destinations';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { StageConfig } from '#infra/config/stages';
import { acknowledgeNag } from '#infra/constructs/nag';
import type { PlatformResources } from '#infra/constructs/platform';
import { namePrefixOf } from '#infra/constructs/stage-defaults';
import { TrellisFunction } from '#infra/constructs/trellis-function';
import { busOf, type EventRuleDefinition } from '#shared/events/rules';

/** How long EventBridge and Lambda keep retrying an event before it goes to the DLQ. */
export const EVENT_MAX_AGE = Duration.hours(6);
/** EventBridge delivery retries (throttling, service errors) per event. */
export const EVENT_DELIVERY_RETRIES = 8;
/** Lambda async retries of a consumer that threw (EventBridge counts the hand-over as delivered). */
export const CONSUMER_RETRIES = 2;

export interface EventsProps {
  readonly config: StageConfig;
}

/**
 * The platform's event bus (`trellis-<stage>`) and the dead-letter queue every rule target and
 * consumer shares. Rules and their consumers live with their service (see EventConsumer).
 */
export class Events extends Construct {
  public readonly eventBus: events.EventBus;
  /** Events no consumer could take after all retries; an alarm fires on the first one. */
  public readonly targetDeadLetterQueue: sqs.Queue;

  constructor(scope: Construct, id: string, props: EventsProps) {
    super(scope, id);
    const busName = namePrefixOf(props.config);

    this.eventBus = new events.EventBus(this, 'Bus', {
      eventBusName: busName,
      description: `Trellis domain events (${props.config.stage})`,
    });

    this.targetDeadLetterQueue = new sqs.Queue(this, 'TargetDeadLetterQueue', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    // One statement for every rule of the stage, so rules in the service stacks need no policy
    // of their own on a queue that lives in this stack: any rule on the platform bus
    // (`rule/<bus>/<name>`), and the stage's rules on the account's default bus, which are
    // named `<bus>-<rule id>` for this (see EventConsumer; `rule/<name>` there).
    this.targetDeadLetterQueue.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowRulesOfTheStage',
        principals: [new iam.ServicePrincipal('events.amazonaws.com')],
        actions: ['sqs:SendMessage'],
        resources: [this.targetDeadLetterQueue.queueArn],
        conditions: {
          ArnLike: {
            'aws:SourceArn': [`${busName}/*`, defaultBusRuleName(props.config, '*')].map((resourceName) =>
              Stack.of(this).formatArn({ service: 'events', resource: 'rule', resourceName }),
            ),
          },
        },
      }),
    );
    acknowledgeNag(
      this.targetDeadLetterQueue,
      'AwsSolutions-SQS3',
      'This queue is the dead-letter queue of the event targets (cdk-nag only recognises SQS redrive); a DLQ of a DLQ adds nothing',
    );
  }
}

/**
 * The name of a stage's rule on the account's default bus: rule names there are shared by
 * every stack of the account, so it carries the stage's prefix, and the DLQ's policy can
 * name the stage's rules by it.
 */
export function defaultBusRuleName(config: StageConfig, ruleId: string): string {
  return `${namePrefixOf(config)}-${ruleId}`;
}

export interface EventConsumerProps {
  readonly definition: EventRuleDefinition;
  readonly platform: PlatformResources;
  readonly config: StageConfig;
}

/**
 * One EVENT_RULES entry: the rule on its bus (the platform bus, or the account's default bus
 * for AWS service events) and the Lambda it invokes, with retries and the dead-letter queue on
 * both legs. EventBridge retries only the hand-over to Lambda; a consumer that throws is
 * retried by Lambda's async invocation, whose failures go to the same queue, so an event is
 * never dropped silently.
 */
export class EventConsumer extends Construct {
  public readonly handler: TrellisFunction;
  public readonly rule: events.Rule;

  constructor(scope: Construct, id: string, props: EventConsumerProps) {
    super(scope, id);
    const { definition, platform } = props;
    const deadLetterQueue = platform.eventTargetDeadLetterQueue;

    this.handler = new TrellisFunction(this, 'Handler', {
      name: definition.id,
      entry: definition.target.handler,
      description: `${definition.id}: ${definition.description}`,
      invokedBy: 'events',
      ...(definition.target.timeoutSeconds ? { timeout: Duration.seconds(definition.target.timeoutSeconds) } : {}),
      access: definition.target.access,
      platform,
      config: props.config,
    });
    this.handler.function.configureAsyncInvoke({
      retryAttempts: CONSUMER_RETRIES,
      maxEventAge: EVENT_MAX_AGE,
      onFailure: new destinations.SqsDestination(deadLetterQueue),
    });

    const onDefaultBus = busOf(definition) === 'default';
    this.rule = new events.Rule(this, 'Rule', {
      eventBus: onDefaultBus ? events.EventBus.fromEventBusName(this, 'DefaultBus', 'default') : platform.eventBus,
      ...(onDefaultBus ? { ruleName: defaultBusRuleName(props.config, definition.id) } : {}),
      description: definition.description,
      // The shared pattern is raw EventBridge JSON (local mode matches the same object); CDK
      // renders it verbatim, so it is passed through rather than rebuilt field by field.
      eventPattern: definition.eventPattern as events.EventPattern,
      targets: [
        new targets.LambdaFunction(this.handler.function, {
          retryAttempts: EVENT_DELIVERY_RETRIES,
          maxEventAge: EVENT_MAX_AGE,
          deadLetterQueue,
        }),
      ],
    });
  }
}
