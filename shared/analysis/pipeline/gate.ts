import { activeAnalysis } from '#shared/analysis/active';
import { judgeSummary } from '#shared/analysis/gate/evaluation';
import { getWorkJson, putWorkObject, WORK_OBJECTS } from '#shared/analysis/pipeline/objects';
import type { AnalysisTaskInput } from '#shared/analysis/task-input';
import type { AnalysisSummary } from '#shared/schemas/analyses';

/** What EvaluateGate hands to Finish: the judged summary and the coverage report it was made from. */
export interface GateOutcome {
  summary: AnalysisSummary;
  coverageVersion: string | null;
}

/**
 * The EvaluateGate task: the Merge's summary with the coverage of the report attached so far
 * and the project's gate on it, for Finish (which checks that no report came in meanwhile).
 * Idempotent: a retry judges again and rewrites the same object.
 */
export async function evaluateGateStep(input: AnalysisTaskInput): Promise<void> {
  const record = await activeAnalysis(input);
  const judged = await judgeSummary(record, await getWorkJson<AnalysisSummary>(input, WORK_OBJECTS.summary));
  const outcome: GateOutcome = { summary: judged.summary, coverageVersion: judged.coverageVersion ?? null };
  await putWorkObject(input, WORK_OBJECTS.gate, JSON.stringify(outcome));
}
