import type { RouteAccess } from '#shared/api/routes';

/** An EventBridge rule on the platform bus and the Lambda it invokes. */
export interface EventRuleDefinition {
  id: string;
  description: string;
  /** An EventBridge event pattern (the subset the local bus matches is documented there). */
  eventPattern: Record<string, unknown>;
  target: { handler: string; access: RouteAccess };
}

/**
 * Every rule on the bus. The CDK events construct creates each rule with a Lambda target
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
];
