import * as z from 'zod/mini';
import * as s from '#shared/analysis/gate/messages';
import { zodMessage } from '#shared/i18n/zod';
import { schemaOnFirstUse } from '#shared/schemas/lazy';

// A project's quality gate: the conditions an analysis must meet (`GET/PUT
// /v1/projects/{projectId}/quality-gate`). Decisions are in shared/analysis/gate/rules.ts.

/** What a condition measures. Each is defined on the whole snapshot, or on new code (`onNewCode`). */
export const GateMetric = /* @__PURE__ */ z.enum([
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
export const GateOperator = /* @__PURE__ */ z.enum(['lt', 'lte', 'gt', 'gte']);
export type GateOperator = z.infer<typeof GateOperator>;

/** GateCondition, built on first call: the event catalogue names it without building it at init. */
export const gateConditionSchema = /* @__PURE__ */ schemaOnFirstUse(() =>
  /* @__PURE__ */ z
    .strictObject({
      metric: GateMetric,
      operator: GateOperator,
      threshold: /* @__PURE__ */ z.number().check(/* @__PURE__ */ z.minimum(0), /* @__PURE__ */ z.maximum(1_000_000)),
      onNewCode: /* @__PURE__ */ z._default(/* @__PURE__ */ z.boolean(), false),
    })
    .check(
      /* @__PURE__ */ z.refine(
        (condition) => !condition.metric.endsWith('_percent') || condition.threshold <= 100,
        /* @__PURE__ */ zodMessage(s.percentThreshold),
      ),
    )
    .check(/* @__PURE__ */ z.meta({ id: 'GateCondition' })),
);
export const GateCondition = /* @__PURE__ */ gateConditionSchema();
export type GateCondition = z.infer<typeof GateCondition>;

export const QualityGateInput = /* @__PURE__ */ z.strictObject({
  conditions: /* @__PURE__ */ z.array(GateCondition).check(
    /* @__PURE__ */ z.maxLength(20),
    /* @__PURE__ */ z.refine((conditions) => {
      const keys = conditions.map((condition) => `${condition.metric}/${condition.onNewCode}`);
      return new Set(keys).size === keys.length;
    }, /* @__PURE__ */ zodMessage(s.duplicateCondition)),
  ),
});
export type QualityGateInput = z.infer<typeof QualityGateInput>;

export const QualityGate = /* @__PURE__ */ z.strictObject({
  projectId: /* @__PURE__ */ z.string(),
  conditions: /* @__PURE__ */ z.array(GateCondition),
  /** True while the project has not set its own gate and the default applies. */
  isDefault: /* @__PURE__ */ z.boolean(),
  updatedAt: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.string()),
  updatedBy: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.string()),
});
export type QualityGate = z.infer<typeof QualityGate>;

/** How one condition came out on an analysis. */
export const GateConditionResult = /* @__PURE__ */ z.strictObject({
  metric: GateMetric,
  operator: GateOperator,
  threshold: /* @__PURE__ */ z.number(),
  onNewCode: /* @__PURE__ */ z.boolean(),
  /** The measured value; null when there was nothing to measure (`not_applicable`) or no data (`no_value`). */
  actual: /* @__PURE__ */ z.nullable(/* @__PURE__ */ z.number()),
  status: /* @__PURE__ */ z.enum(['passed', 'failed', 'not_applicable', 'no_value']),
});
export type GateConditionResult = z.infer<typeof GateConditionResult>;

/** GateResult, built on first call: the event catalogue names it without building it at init. */
export const gateResultSchema = /* @__PURE__ */ schemaOnFirstUse(() =>
  /* @__PURE__ */ z.strictObject({
    status: /* @__PURE__ */ z.enum(['passed', 'failed']),
    conditions: /* @__PURE__ */ z.array(GateConditionResult),
  }),
);
export const GateResult = /* @__PURE__ */ gateResultSchema();
export type GateResult = z.infer<typeof GateResult>;
