import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cloudwatchActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';
import type { StageConfig } from '#infra/config/stages';
import { namePrefixOf } from '#infra/constructs/stage-defaults';

/** The period every alarm metric of the stage is summed or sampled over. */
export const ALARM_PERIOD = Duration.minutes(5);

export interface StageAlarmProps {
  readonly config: StageConfig;
  /** The stage's one alarm topic; notified when the alarm fires and when it clears. */
  readonly alarmTopic: sns.ITopic;
  /** The alarm's name after the stage prefix: `trellis-<stage>-<name>`. */
  readonly name: string;
  readonly description: string;
  readonly metric: cloudwatch.IMetric;
  /** Fires above this value. @default 0: any occurrence */
  readonly threshold?: number;
  /** @default 1 */
  readonly evaluationPeriods?: number;
  /** @default evaluationPeriods */
  readonly datapointsToAlarm?: number;
}

/**
 * The one way the stage's alarms are made: named after the stage, firing above the threshold,
 * notifying the alarm topic on ALARM and on OK. No data means no alarm: a quiet stage is not a
 * broken one.
 */
export function createStageAlarm(scope: Construct, id: string, props: StageAlarmProps): cloudwatch.Alarm {
  const alarm = new cloudwatch.Alarm(scope, id, {
    alarmName: `${namePrefixOf(props.config)}-${props.name}`,
    alarmDescription: props.description,
    metric: props.metric,
    threshold: props.threshold ?? 0,
    comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
    evaluationPeriods: props.evaluationPeriods ?? 1,
    datapointsToAlarm: props.datapointsToAlarm,
    treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
  });
  const notify = new cloudwatchActions.SnsAction(props.alarmTopic);
  alarm.addAlarmAction(notify);
  alarm.addOkAction(notify);
  return alarm;
}
