import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type { Construct } from 'constructs';
import type { StageConfig } from '#infra/config/stages';
import { ALARM_PERIOD } from '#infra/constructs/alarms';
import type { TrellisFunction } from '#infra/constructs/trellis-function';
import type { Workflow } from '#infra/constructs/workflows';

/** The API's metrics the dashboard graphs and the API alarms watch. */
export interface ApiMetrics {
  requests: cloudwatch.IMetric;
  clientErrors: cloudwatch.IMetric;
  serverErrors: cloudwatch.IMetric;
  latency(percentile: string): cloudwatch.IMetric;
  serverErrorRate: cloudwatch.IMetric;
}

/** The table's throttle metrics, by table or index and kind, and their sum. */
export interface TableThrottleMetrics {
  byIndex: Record<string, cloudwatch.IMetric>;
  total: cloudwatch.IMetric;
}

export interface StageDashboardProps {
  readonly config: StageConfig;
  readonly api: ApiMetrics;
  readonly functions: readonly TrellisFunction[];
  readonly workflows: readonly Workflow[];
  readonly tableThrottles: TableThrottleMetrics;
  readonly queueDepths: readonly cloudwatch.IMetric[];
  readonly alarms: readonly cloudwatch.IAlarm[];
}

/** `Trellis-<stage>`: a row per service (API, functions, state machines), then storage and alarms. */
export function createStageDashboard(scope: Construct, id: string, props: StageDashboardProps): cloudwatch.Dashboard {
  const { config, workflows } = props;
  const dashboard = new cloudwatch.Dashboard(scope, id, {
    dashboardName: `Trellis-${config.stage}`,
    defaultInterval: Duration.hours(3),
  });
  dashboard.addWidgets(
    new cloudwatch.TextWidget({
      markdown: `# Trellis ${config.stage}\nAPI, functions, ${workflows.length > 0 ? 'state machines, ' : ''}table and dead letters. Alarms notify the alarm topic.`,
      width: 24,
      height: 2,
    }),
  );
  dashboard.addWidgets(...apiWidgets(props.api, config));
  dashboard.addWidgets(...functionWidgets(props.functions));
  if (workflows.length > 0) dashboard.addWidgets(...workflowWidgets(workflows));
  dashboard.addWidgets(
    new cloudwatch.GraphWidget({
      title: 'DynamoDB throttles',
      left: [props.tableThrottles.total, ...Object.values(props.tableThrottles.byIndex)],
      width: 8,
    }),
    new cloudwatch.GraphWidget({ title: 'Dead-letter queue depth', left: [...props.queueDepths], width: 8 }),
    new cloudwatch.AlarmStatusWidget({ title: 'Alarms', alarms: [...props.alarms], width: 8, height: 6 }),
  );
  return dashboard;
}

function apiWidgets(api: ApiMetrics, config: StageConfig): cloudwatch.IWidget[] {
  return [
    new cloudwatch.GraphWidget({ title: 'API requests', left: [api.requests], width: 6 }),
    new cloudwatch.GraphWidget({
      title: 'API errors',
      left: [api.clientErrors, api.serverErrors],
      right: [api.serverErrorRate],
      width: 6,
    }),
    new cloudwatch.GraphWidget({
      title: 'API latency (ms)',
      left: [api.latency('p50'), api.latency('p95'), api.latency('p99')],
      leftAnnotations: [{ value: config.alarms.p95LatencyMs, label: 'p95 alarm' }],
      width: 12,
    }),
  ];
}

function functionWidgets(functions: readonly TrellisFunction[]): cloudwatch.IWidget[] {
  const sum = (label: string) => ({ period: ALARM_PERIOD, statistic: cloudwatch.Stats.SUM, label });
  return [
    new cloudwatch.GraphWidget({
      title: 'Lambda errors',
      left: functions.map((fn) => fn.function.metricErrors(sum(fn.name))),
      width: 8,
    }),
    new cloudwatch.GraphWidget({
      title: 'Lambda throttles',
      left: functions.map((fn) => fn.function.metricThrottles(sum(fn.name))),
      width: 8,
    }),
    new cloudwatch.GraphWidget({
      title: 'Lambda duration p95 (ms)',
      left: functions.map((fn) =>
        fn.function.metricDuration({ period: ALARM_PERIOD, statistic: 'p95', label: fn.name }),
      ),
      width: 8,
    }),
  ];
}

function workflowWidgets(workflows: readonly Workflow[]): cloudwatch.IWidget[] {
  const perWorkflow = (metric: (stateMachine: Workflow['stateMachine'], label: string) => cloudwatch.IMetric) =>
    workflows.map((workflow) => metric(workflow.stateMachine, workflow.id));
  const sum = { period: ALARM_PERIOD, statistic: cloudwatch.Stats.SUM };
  return [
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
      left: perWorkflow((machine, label) => machine.metricTime({ period: ALARM_PERIOD, statistic: 'p95', label })),
      width: 6,
    }),
  ];
}
