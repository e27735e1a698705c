import * as m from '#shared/analysis/gate/messages';
import type { LocalizedText, MessageDefinition } from '#shared/i18n/catalogue';
import type {
  GateCondition,
  GateConditionResult,
  GateMetric,
  GateOperator,
  GateResult,
} from '#shared/schemas/quality-gate';

// The quality gate as decisions, without I/O: which conditions apply by default, how each
// condition comes out on an analysis's measures, and the reason a deployment stage gives.

/**
 * The gate a project has until it sets its own, after the "clean as you code" idea of
 * SonarQube's default gate: judge the new code, so an old codebase can pass by not making
 * things worse. A condition on coverage fails when no coverage report was attached.
 */
export const DEFAULT_GATE_CONDITIONS: readonly GateCondition[] = [
  { metric: 'max_cyclomatic_complexity', operator: 'lte', threshold: 15, onNewCode: true },
  { metric: 'duplicated_lines_percent', operator: 'lte', threshold: 3, onNewCode: true },
  { metric: 'line_coverage_percent', operator: 'gte', threshold: 80, onNewCode: true },
  { metric: 'dependency_cycles', operator: 'lte', threshold: 0, onNewCode: true },
];

/**
 * One measure of an analysis: a number; `null` when there is nothing to measure (no new code,
 * no functions, no instrumented new lines); `undefined` when the data was never given (no
 * coverage report attached).
 */
export type MeasureValue = number | null | undefined;

/** The measures a gate reads: per metric, on the whole snapshot and on new code. */
export type GateMeasures = Readonly<Record<GateMetric, { overall: MeasureValue; newCode: MeasureValue }>>;

const HOLDS: Record<GateOperator, (actual: number, threshold: number) => boolean> = {
  lt: (actual, threshold) => actual < threshold,
  lte: (actual, threshold) => actual <= threshold,
  gt: (actual, threshold) => actual > threshold,
  gte: (actual, threshold) => actual >= threshold,
};

/** How one condition comes out on the measures. */
export function evaluateCondition(condition: GateCondition, measures: GateMeasures): GateConditionResult {
  const measure = measures[condition.metric];
  const value = condition.onNewCode ? measure.newCode : measure.overall;
  const base = {
    metric: condition.metric,
    operator: condition.operator,
    threshold: condition.threshold,
    onNewCode: condition.onNewCode,
  };
  if (value === undefined) return { ...base, actual: null, status: 'no_value' };
  if (value === null) return { ...base, actual: null, status: 'not_applicable' };
  return {
    ...base,
    actual: value,
    status: HOLDS[condition.operator](value, condition.threshold) ? 'passed' : 'failed',
  };
}

/**
 * The gate's verdict: failed when any condition failed or could not be measured (a gate that
 * cannot see coverage does not vouch for it); a condition with nothing to measure passes.
 */
export function evaluateGate(conditions: readonly GateCondition[], measures: GateMeasures): GateResult {
  const results = conditions.map((condition) => evaluateCondition(condition, measures));
  const failed = results.some((result) => result.status === 'failed' || result.status === 'no_value');
  return { status: failed ? 'failed' : 'passed', conditions: results };
}

const METRIC_NAMES: Record<GateMetric, MessageDefinition> = {
  max_cyclomatic_complexity: m.metricMaxCyclomatic,
  max_cognitive_complexity: m.metricMaxCognitive,
  duplicated_lines_percent: m.metricDuplication,
  line_coverage_percent: m.metricCoverage,
  dependency_cycles: m.metricCycles,
};

/** What a metric is called where people read it. */
export function gateMetricName(metric: GateMetric): LocalizedText {
  return METRIC_NAMES[metric]();
}

/** The sign of an operator as people read it (`≤`). */
export const OPERATOR_SIGNS: Readonly<Record<GateOperator, string>> = { lt: '<', lte: '≤', gt: '>', gte: '≥' };

/** Why the gate failed, naming each failing condition with its value: the reason a `quality-gate` stage records. */
export function gateFailureReason(result: GateResult): LocalizedText | undefined {
  const failing = result.conditions.filter(
    (condition) => condition.status === 'failed' || condition.status === 'no_value',
  );
  if (failing.length === 0) return undefined;
  const conditions = failing.map((condition) => conditionText(condition));
  return m.gateFailed({ conditions: joinTexts(conditions) });
}

function conditionText(condition: GateConditionResult): LocalizedText {
  const metric = METRIC_NAMES[condition.metric]();
  const scope = condition.onNewCode ? m.scopeNewCode() : m.scopeOverall();
  if (condition.actual === null) return m.conditionNoValue({ metric, scope });
  return m.conditionFailed({
    metric,
    scope,
    actual: condition.actual,
    operator: OPERATOR_SIGNS[condition.operator],
    threshold: condition.threshold,
  });
}

/** Several texts as one list: "; " between them in English, "；" in Chinese. */
function joinTexts(texts: readonly LocalizedText[]): LocalizedText {
  return texts.slice(0, -1).reduceRight((rest, first) => m.conditionList({ first, rest }), texts.at(-1)!);
}
