import type * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { StageConfig } from '#infra/config/stages';
import { ALARM_PERIOD, createStageAlarm, type StageAlarmProps } from '#infra/constructs/alarms';
import { type ApiMetrics, createStageDashboard, type TableThrottleMetrics } from '#infra/constructs/dashboard';
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

  private readonly props: MonitoringProps;

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    this.props = props;
    const workflows = props.workflows ?? [];
    const api = apiMetrics(props.httpApi);
    const tableThrottles = tableThrottleMetrics(props.table);
    const queueDepths = props.deadLetterQueues.map((queue) =>
      queue.metricApproximateNumberOfMessagesVisible({ period: ALARM_PERIOD, statistic: cloudwatch.Stats.MAXIMUM }),
    );

    [this.apiServerErrorRateAlarm, this.apiLatencyAlarm] = this.apiAlarms(api);
    this.tableThrottlesAlarm = this.alarm('TableThrottlesAlarm', {
      name: 'table-throttles',
      description: 'DynamoDB throttled reads or writes on the platform table or its indexes',
      metric: tableThrottles.total,
    });
    this.deadLetterQueueAlarms = queueDepths.map((depth, position) =>
      this.alarm(`DeadLetterQueueAlarm${position}`, {
        name: `dead-letters${position === 0 ? '' : `-${position}`}`,
        description: 'An event could not be delivered or processed after all retries: it waits in a dead-letter queue',
        metric: depth,
      }),
    );
    this.alarms = [
      this.apiServerErrorRateAlarm,
      this.apiLatencyAlarm,
      this.tableThrottlesAlarm,
      ...this.deadLetterQueueAlarms,
      ...props.functions.map((fn) => fn.throttlesAlarm),
      ...workflows.flatMap((workflow) => [workflow.failedAlarm, workflow.timedOutAlarm]),
    ];

    this.dashboard = createStageDashboard(this, 'Dashboard', {
      config: props.config,
      api,
      functions: props.functions,
      workflows,
      tableThrottles,
      queueDepths,
      alarms: this.alarms,
    });
  }

  /** The API's alarms: the 5xx rate and the p95 latency over the stage's thresholds. */
  private apiAlarms(api: ApiMetrics): [cloudwatch.Alarm, cloudwatch.Alarm] {
    const { alarms } = this.props.config;
    const serverErrorRate = this.alarm('ApiServerErrorRateAlarm', {
      name: 'api-5xx-rate',
      description: `More than ${alarms.serverErrorRatePercent}% of API requests answered 5xx over 5 minutes`,
      metric: api.serverErrorRate,
      threshold: alarms.serverErrorRatePercent,
    });
    const latency = this.alarm('ApiLatencyP95Alarm', {
      name: 'api-latency-p95',
      description: `API p95 latency above ${alarms.p95LatencyMs} ms for 10 minutes`,
      metric: api.latency('p95'),
      threshold: alarms.p95LatencyMs,
      evaluationPeriods: 2,
      datapointsToAlarm: 2,
    });
    return [serverErrorRate, latency];
  }

  private alarm(alarmId: string, props: Omit<StageAlarmProps, 'config' | 'alarmTopic'>): cloudwatch.Alarm {
    return createStageAlarm(this, alarmId, { config: this.props.config, alarmTopic: this.props.alarmTopic, ...props });
  }
}

/** The API's traffic, errors and latency, as the alarms and the dashboard read them. */
function apiMetrics(httpApi: apigwv2.IHttpApi): ApiMetrics {
  const sum = (label: string) => ({ period: ALARM_PERIOD, statistic: cloudwatch.Stats.SUM, label });
  const requests = httpApi.metricCount(sum('Requests'));
  const serverErrors = httpApi.metricServerError(sum('5xx'));
  return {
    requests,
    clientErrors: httpApi.metricClientError(sum('4xx')),
    serverErrors,
    latency: (percentile) =>
      httpApi.metricLatency({ period: ALARM_PERIOD, statistic: percentile, label: `Latency ${percentile}` }),
    serverErrorRate: new cloudwatch.MathExpression({
      expression: 'IF(requests > 0, 100 * errors / requests, 0)',
      usingMetrics: { errors: serverErrors, requests },
      period: ALARM_PERIOD,
      label: '5xx rate (%)',
    }),
  };
}

/** Read and write throttles of the table and each index; on-demand tables throttle too (hot partitions, account limits). */
function tableThrottleMetrics(table: dynamodb.ITable): TableThrottleMetrics {
  const byIndex: Record<string, cloudwatch.IMetric> = {};
  const indexes = [undefined, ...TABLE_DEFINITION.globalSecondaryIndexes.map((index) => index.indexName)];
  indexes.forEach((indexName, position) => {
    for (const kind of ['Read', 'Write'] as const) {
      byIndex[`${kind.toLowerCase()}${position}`] = new cloudwatch.Metric({
        namespace: 'AWS/DynamoDB',
        metricName: `${kind}ThrottleEvents`,
        dimensionsMap:
          indexName === undefined
            ? { TableName: table.tableName }
            : { TableName: table.tableName, GlobalSecondaryIndexName: indexName },
        statistic: cloudwatch.Stats.SUM,
        period: ALARM_PERIOD,
        label: `${kind} throttles${indexName === undefined ? '' : ` (${indexName})`}`,
      });
    }
  });
  const total = new cloudwatch.MathExpression({
    expression: 'SUM(METRICS())',
    usingMetrics: byIndex,
    period: ALARM_PERIOD,
    label: 'Throttled requests',
  });
  return { byIndex, total };
}
