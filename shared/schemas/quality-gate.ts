import * as z from 'zod/mini';
import * as s from '#shared/analysis/gate/messages';
import { zodMessage } from '#shared/i18n/zod';

// A project's quality gate: the conditions an analysis must meet (`GET/PUT
// /v1/projects/{projectId}/quality-gate`). Decisions are in shared/analysis/gate/rules.ts.

/** What a condition measures. Each is defined on the whole snapshot, or on new code (`onNewCode`). */
export const GateMetric = z.enum([
  /** The highest cyclomatic complexity of a function (on new code: of the new or changed functions). */
  'max_cyclomatic_complexity',
  /** The highest cognitive complexity of a function (likewise). */
  'max_cognitive_complexity',
  /** Duplicated lines as a percentage of code lines (on new code: of the new lines). */
  'duplicated_lines_percent',
  /** Covered lines as a percentage of the lines the coverage report instruments (on new code: of the new ones). */
  'line_coverage_percent',
  /** Dependency cycles of the internal import graph (on new code: cycles the base analysis did not have). */
  'dependency_cycles',
]);
export type GateMetric = z.infer<typeof GateMetric>;

/** What must hold for the condition to pass: `actual <operator> threshold`. */
export const GateOperator = z.enum(['lt', 'lte', 'gt', 'gte']);
export type GateOperator = z.infer<typeof GateOperator>;

export const GateCondition = z
  .strictObject({
    metric: GateMetric,
    operator: GateOperator,
    threshold: z.number().check(z.minimum(0), z.maximum(1_000_000)),
    onNewCode: z._default(z.boolean(), false),
  })
  .check(
    z.refine(
      (condition) => !condition.metric.endsWith('_percent') || condition.threshold <= 100,
      zodMessage(s.percentThreshold),
    ),
  )
  .check(z.meta({ id: 'GateCondition' }));
export type GateCondition = z.infer<typeof GateCondition>;

export const QualityGateInput = z.strictObject({
  conditions: z.array(GateCondition).check(
    z.maxLength(20),
    z.refine((conditions) => {
      const keys = conditions.map((condition) => `${condition.metric}/${condition.onNewCode}`);
      return new Set(keys).size === keys.length;
    }, zodMessage(s.duplicateCondition)),
  ),
});
export type QualityGateInput = z.infer<typeof QualityGateInput>;

export const QualityGate = z.strictObject({
  projectId: z.string(),
  conditions: z.array(GateCondition),
  /** True while the project has not set its own gate and the default applies. */
  isDefault: z.boolean(),
  updatedAt: z.optional(z.string()),
  updatedBy: z.optional(z.string()),
});
export type QualityGate = z.infer<typeof QualityGate>;

/** How one condition came out on an analysis. */
export const GateConditionResult = z.strictObject({
  metric: GateMetric,
  operator: GateOperator,
  threshold: z.number(),
  onNewCode: z.boolean(),
  /** The measured value; null when there was nothing to measure (`not_applicable`) or no data (`no_value`). */
  actual: z.nullable(z.number()),
  status: z.enum(['passed', 'failed', 'not_applicable', 'no_value']),
});
export type GateConditionResult = z.infer<typeof GateConditionResult>;

export const GateResult = z.strictObject({
  status: z.enum(['passed', 'failed']),
  conditions: z.array(GateConditionResult),
});
export type GateResult = z.infer<typeof GateResult>;
