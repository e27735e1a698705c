import type { GateMeasures, MeasureValue } from '#shared/analysis/gate/rules';
import type { AnalysisSummary } from '#shared/schemas/analyses';

// What a quality gate measures on an analysis, read from its summary. Pure: EvaluateGate and
// a coverage attached later both call it on the summary they hold.

/**
 * The gate's measures of a summary. A value is `undefined` (the gate cannot vouch: `no_value`)
 * where the data was never produced (a stage that did not run, no coverage report attached)
 * and `null` (`not_applicable`) where there is nothing to measure: no functions, nothing
 * instrumented, and every new-code measure of an analysis without a base. Sections missing
 * from summaries stored before they existed count as null.
 */
export function gateMeasures(summary: Partial<AnalysisSummary> & Pick<AnalysisSummary, 'functions'>): GateMeasures {
  const functions = summary.functions;
  const duplication = summary.duplication ?? null;
  const dependencies = summary.dependencies ?? null;
  const newCode = summary.newCode ?? null;
  const coverage = summary.coverage ?? null;
  // Without a base analysis nothing is new: null (not applicable), never undefined.
  const onNewCode = (key: 'maxCyclomatic' | 'maxCognitive' | 'duplicationPercent' | 'newCycles'): MeasureValue =>
    newCode === null ? null : newCode[key];
  const complexity = (key: 'maxCyclomatic' | 'maxCognitive'): MeasureValue =>
    functions === null ? undefined : functions.count === 0 ? null : functions[key];
  return {
    max_cyclomatic_complexity: {
      overall: complexity('maxCyclomatic'),
      newCode: onNewCode('maxCyclomatic'),
    },
    max_cognitive_complexity: {
      overall: complexity('maxCognitive'),
      newCode: onNewCode('maxCognitive'),
    },
    duplicated_lines_percent: {
      overall: duplication?.percentage,
      newCode: onNewCode('duplicationPercent'),
    },
    line_coverage_percent: {
      overall: coverage === null ? undefined : coverage.percentage,
      // Without a base nothing is new (not applicable), whatever the report; with one, a missing report is no value.
      newCode: newCode === null ? null : coverage === null ? undefined : (coverage.newCode?.percentage ?? null),
    },
    dependency_cycles: {
      overall: dependencies?.cycles,
      newCode: onNewCode('newCycles'),
    },
  };
}
