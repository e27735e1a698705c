import type { RouteAccess } from '#shared/api/routes';

/** The bus a rule listens on. */
export type EventBusKind =
  /** The platform's custom bus (`trellis-<stage>`): the domain events of the catalogue. */
  | 'platform'
  /** The account's `default` bus: events AWS services emit (`aws.states`, ...). */
  | 'default';

/** An EventBridge rule and the Lambda it invokes. */
export interface EventRuleDefinition {
  id: string;
  description: string;
  /** Where the rule listens. @default 'platform' */
  bus?: EventBusKind;
  /** An EventBridge event pattern (the subset the local bus matches is documented there). */
  eventPattern: Record<string, unknown>;
  target: { handler: string; access: RouteAccess };
}

/** The bus a rule listens on, its default applied. */
export function busOf(rule: Pick<EventRuleDefinition, 'bus'>): EventBusKind {
  return rule.bus ?? 'platform';
}

/** The Step Functions statuses of an execution that ended without succeeding. */
export const UNSUCCESSFUL_EXECUTION_STATUSES = ['FAILED', 'TIMED_OUT', 'ABORTED'] as const;

/**
 * Every rule. The CDK events construct creates each rule on its bus with a Lambda target
 * (retries + DLQ); the local EventBridge endpoint matches the same patterns and invokes the
 * same handlers.
 */
export const EVENT_RULES: readonly EventRuleDefinition[] = [
  {
    id: 'RecordActivity',
    description: 'Records every domain event of a project in its activity trail',
    eventPattern: { source: [{ prefix: 'trellis.' }] },
    target: { handler: 'functions/activity/record-event.ts', access: { table: 'readWrite' } },
  },
  {
    id: 'ReconcileDeploymentRun',
    description:
      'Finishes a deployment whose pipeline run ended (failed, timed out, stopped) without its Finish task, releasing the environment lock',
    bus: 'default',
    // Stage-independent: the machine is `trellis-<stage>-DeploymentPipeline`; the consumer
    // ignores another stage's machine in the same account.
    eventPattern: {
      source: ['aws.states'],
      'detail-type': ['Step Functions Execution Status Change'],
      detail: {
        status: [...UNSUCCESSFUL_EXECUTION_STATUSES],
        stateMachineArn: [{ wildcard: '*:stateMachine:trellis-*-DeploymentPipeline' }],
      },
    },
    target: {
      handler: 'functions/deployments/reconcile-run.ts',
      access: { table: 'readWrite', events: true, stateMachines: ['DeploymentPipeline'] },
    },
  },
];
