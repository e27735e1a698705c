import { evaluateAnalysisCoverage } from '#shared/analysis/coverage/analysis-coverage';
import { gateMeasures } from '#shared/analysis/gate/measures';
import { projectGateConditions } from '#shared/analysis/gate/queries';
import { evaluateGate } from '#shared/analysis/gate/rules';
import type { AnalysisRecord } from '#shared/analysis/repository';
import type { AnalysisSummary } from '#shared/schemas/analyses';

/** A summary with its coverage and gate made from the analysis's latest report and the project's gate. */
export interface JudgedSummary {
  summary: AnalysisSummary;
  /** The coverage report it was made from (undefined: none attached). */
  coverageVersion: string | undefined;
  /** Report paths that named no analysed file. */
  unmatchedPaths: string[];
}

/**
 * Sets `summary`'s coverage (from the report `record.coverageVersion`) and its gate (the
 * project's, or the default one) — what EvaluateGate does, and what attaching coverage to a
 * completed analysis does again.
 */
export async function judgeSummary(record: AnalysisRecord, summary: AnalysisSummary): Promise<JudgedSummary> {
  const [coverage, conditions] = await Promise.all([
    evaluateAnalysisCoverage(record),
    projectGateConditions(record.projectId),
  ]);
  const measured: AnalysisSummary = {
    ...summary,
    newCode: summary.newCode ?? null,
    coverage: coverage?.coverage ?? null,
  };
  return {
    summary: { ...measured, gate: evaluateGate(conditions, gateMeasures(measured)) },
    coverageVersion: record.coverageVersion,
    unmatchedPaths: coverage?.unmatched ?? [],
  };
}
