import { Duration } from 'aws-cdk-lib';
import type * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cloudwatchActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { StageConfig } from '#infra/config/stages';
import { namePrefixOf } from '#infra/constructs/stage-defaults';
import type { TrellisFunction } from '#infra/constructs/trellis-function';
import type { Workflow } from '#infra/constructs/workflows';
import { TABLE_DEFINITION } from '#shared/data/table-definition';

export interface MonitoringProps {
  readonly config: StageConfig;
  readonly alarmTopic: sns.ITopic;
  readonly httpApi: apigwv2.IHttpApi;
  readonly table: dynamodb.ITable;
  readonly deadLetterQueues: readonly sqs.IQueue[];
  /** Every Lambda of the stage; each brings its own throttles alarm. */
  readonly functions: readonly TrellisFunction[];
  /** Every state machine of the stage; each brings its failed and timed-out alarms. @default none */
  readonly workflows?: readonly Workflow[];
}

const FIVE_MINUTES = Duration.minutes(5);

/**
 * What an operator watches: one dashboard per stage (API traffic, errors and latency; each
 * function's errors, throttles and duration; state machine executions and their duration;
 * table throttles; DLQ depth; alarm states) and the
 * stage's alarms, all notifying the one alarm topic. No data means no alarm: a quiet stage is
 * not a broken one.
 */
export class Monitoring extends Construct {
  public readonly dashboard: cloudwatch.Dashboard;
  /** 5xx responses as a share of all requests over 5 minutes, above the stage's threshold. */
  public readonly apiServerErrorRateAlarm: cloudwatch.Alarm;
  /** p95 latency above the stage's threshold for 10 minutes. */
  public readonly apiLatencyAlarm: cloudwatch.Alarm;
  /** Any throttled read or write on the table or its indexes. */
  public readonly tableThrottlesAlarm: cloudwatch.Alarm;
  /** Any message waiting in a dead-letter queue: an event was not processed. */
  public readonly deadLetterQueueAlarms: cloudwatch.Alarm[];
  /** Every alarm of the stage, including the functions' throttles alarms. */
  public readonly alarms: cloudwatch.IAlarm[];

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    const { config, httpApi, table, functions } = props;
    const workflows = props.workflows ?? [];
    const prefix = namePrefixOf(config);
    const notify = new cloudwatchActions.SnsAction(props.alarmTopic);
    const alarm = (alarmId: string, alarmProps: cloudwatch.AlarmProps): cloudwatch.Alarm => {
      const created = new cloudwatch.Alarm(this, alarmId, {
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
        ...alarmProps,
      });
      created.addAlarmAction(notify);
      created.addOkAction(notify);
      return created;
    };

    // API
    const requests = httpApi.metricCount({ period: FIVE_MINUTES, statistic: cloudwatch.Stats.SUM, label: 'Requests' });
    const clientErrors = httpApi.metricClientError({
      period: FIVE_MINUTES,
      statistic: cloudwatch.Stats.SUM,
      label: '4xx',
    });
    const serverErrors = httpApi.metricServerError({
      period: FIVE_MINUTES,
      statistic: cloudwatch.Stats.SUM,
      label: '5xx',
    });
    const latency = (percentile: string) =>
      httpApi.metricLatency({ period: FIVE_MINUTES, statistic: percentile, label: `Latency ${percentile}` });
    const serverErrorRate = new cloudwatch.MathExpression({
      expression: 'IF(requests > 0, 100 * errors / requests, 0)',
      usingMetrics: { errors: serverErrors, requests },
      period: FIVE_MINUTES,
      label: '5xx rate (%)',
    });

    this.apiServerErrorRateAlarm = alarm('ApiServerErrorRateAlarm', {
      alarmName: `${prefix}-api-5xx-rate`,
      alarmDescription: `More than ${config.alarms.serverErrorRatePercent}% of API requests answered 5xx over 5 minutes`,
      metric: serverErrorRate,
      threshold: config.alarms.serverErrorRatePercent,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
    });
    this.apiLatencyAlarm = alarm('ApiLatencyP95Alarm', {
      alarmName: `${prefix}-api-latency-p95`,
      alarmDescription: `API p95 latency above ${config.alarms.p95LatencyMs} ms for 10 minutes`,
      metric: latency('p95'),
      threshold: config.alarms.p95LatencyMs,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 2,
      datapointsToAlarm: 2,
    });

    // Table: on-demand tables throttle too (hot partitions, account limits).
    const tableThrottleMetrics: Record<string, cloudwatch.IMetric> = {};
    const indexes = [undefined, ...TABLE_DEFINITION.globalSecondaryIndexes.map((index) => index.indexName)];
    indexes.forEach((indexName, position) => {
      for (const kind of ['Read', 'Write'] as const) {
        tableThrottleMetrics[`${kind.toLowerCase()}${position}`] = new cloudwatch.Metric({
          namespace: 'AWS/DynamoDB',
          metricName: `${kind}ThrottleEvents`,
          dimensionsMap:
            indexName === undefined
              ? { TableName: table.tableName }
              : { TableName: table.tableName, GlobalSecondaryIndexName: indexName },
          statistic: cloudwatch.Stats.SUM,
          period: FIVE_MINUTES,
          label: `${kind} throttles${indexName === undefined ? '' : ` (${indexName})`}`,
        });
      }
    });
    const tableThrottles = new cloudwatch.MathExpression({
      expression: 'SUM(METRICS())',
      usingMetrics: tableThrottleMetrics,
      period: FIVE_MINUTES,
      label: 'Throttled requests',
    });
    this.tableThrottlesAlarm = alarm('TableThrottlesAlarm', {
      alarmName: `${prefix}-table-throttles`,
      alarmDescription: 'DynamoDB throttled reads or writes on the platform table or its indexes',
      metric: tableThrottles,
      threshold: 0,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
    });

    // Dead-letter queues
    const queueDepths = props.deadLetterQueues.map((queue) =>
      queue.metricApproximateNumberOfMessagesVisible({ period: FIVE_MINUTES, statistic: cloudwatch.Stats.MAXIMUM }),
    );
    this.deadLetterQueueAlarms = queueDepths.map((depth, position) =>
      alarm(`DeadLetterQueueAlarm${position}`, {
        alarmName: `${prefix}-dead-letters${position === 0 ? '' : `-${position}`}`,
        alarmDescription:
          'An event could not be delivered or processed after all retries: it waits in a dead-letter queue',
        metric: depth,
        threshold: 0,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
      }),
    );

    this.alarms = [
      this.apiServerErrorRateAlarm,
      this.apiLatencyAlarm,
      this.tableThrottlesAlarm,
      ...this.deadLetterQueueAlarms,
      ...functions.map((fn) => fn.throttlesAlarm),
      ...workflows.flatMap((workflow) => [workflow.failedAlarm, workflow.timedOutAlarm]),
    ];

    // Dashboard
    const perFunction = (metric: (fn: TrellisFunction) => cloudwatch.IMetric) => functions.map(metric);
    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', {
      dashboardName: `Trellis-${config.stage}`,
      defaultInterval: Duration.hours(3),
    });
    this.dashboard.addWidgets(
      new cloudwatch.TextWidget({
        markdown: `# Trellis ${config.stage}\nAPI, functions, ${workflows.length > 0 ? 'state machines, ' : ''}table and dead letters. Alarms notify the alarm topic.`,
        width: 24,
        height: 2,
      }),
    );
    this.dashboard.addWidgets(
      new cloudwatch.GraphWidget({ title: 'API requests', left: [requests], width: 6 }),
      new cloudwatch.GraphWidget({
        title: 'API errors',
        left: [clientErrors, serverErrors],
        right: [serverErrorRate],
        width: 6,
      }),
      new cloudwatch.GraphWidget({
        title: 'API latency (ms)',
        left: [latency('p50'), latency('p95'), latency('p99')],
        leftAnnotations: [{ value: config.alarms.p95LatencyMs, label: 'p95 alarm' }],
        width: 12,
      }),
    );
    this.dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: 'Lambda errors',
        left: perFunction((fn) =>
          fn.function.metricErrors({ period: FIVE_MINUTES, statistic: cloudwatch.Stats.SUM, label: fn.name }),
        ),
        width: 8,
      }),
      new cloudwatch.GraphWidget({
        title: 'Lambda throttles',
        left: perFunction((fn) =>
          fn.function.metricThrottles({ period: FIVE_MINUTES, statistic: cloudwatch.Stats.SUM, label: fn.name }),
        ),
        width: 8,
      }),
      new cloudwatch.GraphWidget({
        title: 'Lambda duration p95 (ms)',
        left: perFunction((fn) =>
          fn.function.metricDuration({ period: FIVE_MINUTES, statistic: 'p95', label: fn.name }),
        ),
        width: 8,
      }),
    );
    if (workflows.length > 0) {
      const perWorkflow = (metric: (stateMachine: Workflow['stateMachine'], label: string) => cloudwatch.IMetric) =>
        workflows.map((workflow) => metric(workflow.stateMachine, workflow.id));
      const sum = { period: FIVE_MINUTES, statistic: cloudwatch.Stats.SUM };
      this.dashboard.addWidgets(
        new cloudwatch.GraphWidget({
          title: 'Executions started',
          left: perWorkflow((machine, label) => machine.metricStarted({ ...sum, label })),
          width: 6,
        }),
        new cloudwatch.GraphWidget({
          title: 'Executions succeeded',
          left: perWorkflow((machine, label) => machine.metricSucceeded({ ...sum, label })),
          width: 6,
        }),
        new cloudwatch.GraphWidget({
          title: 'Executions failed or timed out',
          left: [
            ...perWorkflow((machine, label) => machine.metricFailed({ ...sum, label: `${label} failed` })),
            ...perWorkflow((machine, label) => machine.metricTimedOut({ ...sum, label: `${label} timed out` })),
          ],
          width: 6,
        }),
        new cloudwatch.GraphWidget({
          title: 'Execution duration p95 (ms)',
          left: perWorkflow((machine, label) => machine.metricTime({ period: FIVE_MINUTES, statistic: 'p95', label })),
          width: 6,
        }),
      );
    }
    this.dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: 'DynamoDB throttles',
        left: [tableThrottles, ...Object.values(tableThrottleMetrics)],
        width: 8,
      }),
      new cloudwatch.GraphWidget({ title: 'Dead-letter queue depth', left: queueDepths, width: 8 }),
      new cloudwatch.AlarmStatusWidget({ title: 'Alarms', alarms: this.alarms, width: 8, height: 6 }),
    );
  }
}
