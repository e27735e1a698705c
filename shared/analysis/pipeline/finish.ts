import { activeAnalysis } from '#shared/analysis/active';
import { judgeSummary } from '#shared/analysis/gate/evaluation';
import type { GateOutcome } from '#shared/analysis/pipeline/gate';
import { getWorkJson, WORK_OBJECTS } from '#shared/analysis/pipeline/objects';
import { type AnalysisRecord, completeAnalysis } from '#shared/analysis/repository';
import type { AnalysisTaskInput } from '#shared/analysis/task-input';
import { analysisOrigin } from '#shared/analysis/workflow';
import { publishEvent } from '#shared/events/publisher';
import type { AnalysisSummary } from '#shared/schemas/analyses';

// The Finish task of the CodeAnalysis machine (apart from workflow.ts: it reads the bucket,
// which Begin and Fail have no access to).

/** How often Finish judges again when coverage reports keep arriving while it completes. */
const MAX_FINISH_ROUNDS = 5;

/**
 * Last task: running → completed with the summary EvaluateGate judged, and `Code Analysis
 * Completed` (with the gate). The write holds only if no coverage report was attached since
 * EvaluateGate read the analysis; if one was, the summary is judged again with it, so a report
 * sent while the analysis finishes is never lost (attaching checks the status in the same
 * write that sets the report, so either Finish sees it or the attach sees `completed`).
 */
export async function finishAnalysis(input: AnalysisTaskInput): Promise<void> {
  let judged = await getWorkJson<GateOutcome>(input, WORK_OBJECTS.gate);
  for (let round = 1; ; round++) {
    const outcome = await completeAnalysis(
      input.projectId,
      input.analysisId,
      judged.summary,
      judged.coverageVersion ?? undefined,
    );
    if (outcome === 'ended') return;
    if (outcome !== 'coverage_changed') return announceCompleted(outcome.completed, judged.summary);
    if (round >= MAX_FINISH_ROUNDS) throw new Error('Coverage reports kept arriving while the analysis finished');
    const record = await activeAnalysis(input);
    const rejudged = await judgeSummary(record, await getWorkJson<AnalysisSummary>(input, WORK_OBJECTS.summary));
    judged = { summary: rejudged.summary, coverageVersion: rejudged.coverageVersion ?? null };
  }
}

async function announceCompleted(completed: AnalysisRecord, summary: AnalysisSummary): Promise<void> {
  await publishEvent(
    'Code Analysis Completed',
    completed.projectId,
    { analysisId: completed.id, commit: completed.commit, branch: completed.branch, summary },
    analysisOrigin(completed),
  );
}
