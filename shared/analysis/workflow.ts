import { activeAnalysis } from '#shared/analysis/active';
import * as m from '#shared/analysis/messages';
import { type AnalysisRecord, getAnalysis, type StoredFailure, transitionAnalysis } from '#shared/analysis/repository';
import type { AnalysisTaskInput } from '#shared/analysis/task-input';
import { publishEvent } from '#shared/events/publisher';
import { type StateError, taskFailureReason } from '#shared/workflows/state-error';

// The analysis-level steps of the CodeAnalysis machine (statemachines/code-analysis.asl.json):
// begin and fail (finish, which reads the bucket, is pipeline/finish.ts). They move the analysis's status and announce it on the bus; each is
// safe to retry (a retried step finds the analysis already moved and announces nothing twice).

/** Who and which request an analysis's events name: its creator and the create request. */
export const analysisOrigin = (record: AnalysisRecord) => ({
  actorId: record.createdBy,
  correlationId: record.correlationId,
});

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
    analysisOrigin(record),
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
    analysisOrigin(failed),
  );
  return { status: failed.status };
}
