import { DEFAULT_GATE_CONDITIONS, evaluateGate, type GateMeasures } from '#shared/analysis/gate/rules';
import type { GateResult } from '#shared/schemas/quality-gate';

/** Measures of a clean change: new functions simple, no new duplication, well covered, no new cycle. */
export const CLEAN_MEASURES: GateMeasures = {
  max_cyclomatic_complexity: { overall: 31, newCode: 6 },
  max_cognitive_complexity: { overall: 40, newCode: 4 },
  duplicated_lines_percent: { overall: 7.5, newCode: 0 },
  line_coverage_percent: { overall: 61, newCode: 92.5 },
  dependency_cycles: { overall: 2, newCode: 0 },
};

/** The default gate's verdict on the clean measures with `changes`, judged by the gate's own rules. */
export function defaultGateOn(changes: Partial<GateMeasures> = {}): GateResult {
  return evaluateGate(DEFAULT_GATE_CONDITIONS, { ...CLEAN_MEASURES, ...changes });
}
