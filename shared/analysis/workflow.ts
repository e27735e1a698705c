import { activeAnalysis } from '#shared/analysis/active';
import { judgeSummary } from '#shared/analysis/gate/evaluation';
import * as m from '#shared/analysis/messages';
import type { GateOutcome } from '#shared/analysis/pipeline/gate';
import { getWorkJson, WORK_OBJECTS } from '#shared/analysis/pipeline/objects';
import {
  type AnalysisRecord,
  completeAnalysis,
  getAnalysis,
  type StoredFailure,
  transitionAnalysis,
} from '#shared/analysis/repository';
import type { AnalysisTaskInput } from '#shared/analysis/task-input';
import { publishEvent } from '#shared/events/publisher';
import type { AnalysisSummary } from '#shared/schemas/analyses';
import { type StateError, taskFailureReason } from '#shared/workflows/state-error';

// The analysis-level steps of the CodeAnalysis machine (statemachines/code-analysis.asl.json):
// begin, finish, fail. They move the analysis's status and announce it on the bus; each is
// safe to retry (a retried step finds the analysis already moved and announces nothing twice).

const origin = (record: AnalysisRecord) => ({ actorId: record.createdBy, correlationId: record.correlationId });

/** First task: queued → running, and `Code Analysis Started` (only by the attempt that moved it). */
export async function beginAnalysis(input: AnalysisTaskInput): Promise<void> {
  const record = await activeAnalysis(input);
  if (record.status !== 'queued') return;
  const started = await transitionAnalysis(record.projectId, record.id, ['queued'], {
    status: 'running',
    startedAt: new Date().toISOString(),
  });
  if (!started) return;
  await publishEvent(
    'Code Analysis Started',
    record.projectId,
    { analysisId: record.id, commit: record.commit, branch: record.branch, source: record.source.type },
    origin(record),
  );
}

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
    origin(completed),
  );
}

/**
 * The Fail task: records why the analysis failed, from a refusal a stage returned (a hostile
 * archive, a refused fetch: its own code and message) or an error the machine caught, and
 * announces `Code Analysis Failed`. An analysis that already ended is left as it is.
 */
export async function failAnalysis(
  input: AnalysisTaskInput & { refusal?: StoredFailure; error?: StateError },
): Promise<{ status: string }> {
  const failure: StoredFailure = input.refusal ?? {
    code: 'ANALYSIS_ERROR',
    message: m.analysisBroke({ reason: taskFailureReason(input.error ?? {}) }),
  };
  return endAnalysisFailed(input, failure);
}

/** Fails a queued or running analysis with `failure` and announces it; returns its status after. */
export async function endAnalysisFailed(input: AnalysisTaskInput, failure: StoredFailure): Promise<{ status: string }> {
  const failed = await transitionAnalysis(
    input.projectId,
    input.analysisId,
    ['waiting_for_upload', 'queued', 'running'],
    {
      status: 'failed',
      failure,
      endedAt: new Date().toISOString(),
    },
  );
  if (!failed) return { status: (await getAnalysis(input.projectId, input.analysisId))?.status ?? 'missing' };
  await publishEvent(
    'Code Analysis Failed',
    failed.projectId,
    { analysisId: failed.id, commit: failed.commit, branch: failed.branch, code: failure.code },
    origin(failed),
  );
  return { status: failed.status };
}
