import { ulid } from 'ulid';
import * as m from '#shared/analysis/coverage/messages';
import { type CoverageFormat, parseCoverage } from '#shared/analysis/coverage/reports';
import { coverageSection, coverageSummary } from '#shared/analysis/coverage/summary';
import { judgeSummary } from '#shared/analysis/gate/evaluation';
import { requireAnalysis } from '#shared/analysis/queries';
import { type AnalysisRecord, replaceCompletedSummary, setCoverageVersion } from '#shared/analysis/repository';
import { putResult } from '#shared/analysis/result-store';
import { RESULT_OBJECTS, type StoredCoverageReport } from '#shared/analysis/results';
import type { ProjectScope } from '#shared/auth/project-access';
import { publishEvent } from '#shared/events/publisher';
import { ConflictError } from '#shared/http/errors';
import type { AttachedCoverage } from '#shared/schemas/analyses';

/** How many unmatched report paths an answer lists. */
const UNMATCHED_LIST_LIMIT = 100;

/**
 * POST …/analyses/{analysisId}/coverage: reads the report (400 naming the format and line
 * when it cannot, 413 over 5 MB: nothing is written either way), stores it under a new version
 * and makes that the analysis's report (a second report replaces the first). A completed
 * analysis has its coverage and gate judged again here (200, `Code Analysis Gate Evaluated`);
 * a queued or running one is judged by its EvaluateGate/Finish tasks (202). 409 on a failed one.
 */
export async function attachCoverage(
  scope: ProjectScope,
  analysisId: string,
  format: CoverageFormat,
  text: string,
): Promise<{ status: 200 | 202; body: AttachedCoverage }> {
  const files = parseCoverage(format, text);
  const analysis = await requireAnalysis(scope.projectId, analysisId);
  if (analysis.status === 'failed') throw new ConflictError('ANALYSIS_FAILED', m.analysisFailedNoCoverage());
  const version = ulid().toLowerCase();
  const report: StoredCoverageReport = {
    format,
    files: files.map((file) => ({ path: file.path, lines: [...file.lines] })),
  };
  await putResult(scope.projectId, analysisId, RESULT_OBJECTS.coverageReport(version), report);
  // One write sets the version and reads the status: either the machine's Finish sees the new
  // version (its completing write checks it), or this request sees `completed` and judges itself.
  const record = await setCoverageVersion(scope.projectId, analysisId, version);
  if (!record) throw new ConflictError('ANALYSIS_FAILED', m.analysisFailedNoCoverage());
  if (record.status !== 'completed') {
    // Not yet mapped onto the snapshot (its files are not known yet): the report's own figures.
    return {
      status: 202,
      body: {
        analysisId,
        status: record.status,
        coverage: coverageSection(format, coverageSummary(files)),
        unmatchedPaths: [],
        gate: null,
      },
    };
  }
  return { status: 200, body: await judgeCompletedAnalysis(scope, record, version) };
}

async function judgeCompletedAnalysis(
  scope: ProjectScope,
  record: AnalysisRecord,
  version: string,
): Promise<AttachedCoverage> {
  // A completed analysis always has its summary (Finish writes both at once).
  const judged = await judgeSummary(record, record.summary!);
  const { coverage, gate } = judged.summary;
  const replaced = await replaceCompletedSummary(record.projectId, record.id, judged.summary, version);
  // Not replaced: a later report was attached meanwhile, and its request announces its own verdict.
  if (replaced) {
    await publishEvent(
      'Code Analysis Gate Evaluated',
      record.projectId,
      { analysisId: record.id, commit: record.commit, branch: record.branch, coverage, gate: gate! },
      { actorId: scope.caller.auth.userId, correlationId: scope.caller.correlationId },
    );
  }
  return {
    analysisId: record.id,
    status: record.status,
    coverage: coverage!,
    unmatchedPaths: judged.unmatchedPaths.slice(0, UNMATCHED_LIST_LIMIT),
    gate,
  };
}
