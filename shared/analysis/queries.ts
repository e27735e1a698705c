import * as m from '#shared/analysis/messages';
import { type AnalysisRecord, getAnalysis, listAnalyses } from '#shared/analysis/repository';
import { trendPoint } from '#shared/analysis/trend';
import type { ProjectScope } from '#shared/auth/project-access';
import { NotFoundError } from '#shared/http/errors';
import { localize } from '#shared/i18n/catalogue';
import type { Analysis, AnalysisTrendQuery, ListAnalysesQuery } from '#shared/schemas/analyses';

/** An analysis of the caller's project, or 404 (another project's analysis is no different from a missing one). */
export async function getAnalysisForCaller(scope: ProjectScope, analysisId: string): Promise<Analysis> {
  return analysisView(await requireAnalysis(scope.projectId, analysisId));
}

/** Newest first; `branch` and `status` narrow the list. */
export async function listAnalysesForCaller(scope: ProjectScope, query: ListAnalysesQuery) {
  const page = await listAnalyses(
    scope.projectId,
    { branch: query.branch, status: query.status },
    { limit: query.limit, cursor: query.cursor },
  );
  return { items: page.items.map(analysisView), nextCursor: page.nextCursor };
}

export async function requireAnalysis(projectId: string, analysisId: string): Promise<AnalysisRecord> {
  const analysis = await getAnalysis(projectId, analysisId);
  if (!analysis) throw new NotFoundError('ANALYSIS_NOT_FOUND', m.analysisNotFound());
  return analysis;
}

/** The API's view of an analysis: the failure worded in the reader's language, internal fields dropped. */
export function analysisView(record: AnalysisRecord): Analysis {
  return {
    id: record.id,
    projectId: record.projectId,
    status: record.status,
    commit: record.commit,
    branch: record.branch,
    baseBranch: record.baseBranch,
    source: record.source,
    failure: record.failure ? { code: record.failure.code, detail: localize(record.failure.message) } : null,
    // Summaries stored before new code, coverage and gates existed lack those sections: null.
    summary: record.summary && {
      ...record.summary,
      newCode: record.summary.newCode ?? null,
      coverage: record.summary.coverage ?? null,
      gate: record.summary.gate ?? null,
    },
    createdBy: record.createdBy,
    createdAt: record.createdAt,
    startedAt: record.startedAt,
    endedAt: record.endedAt,
  };
}

/**
 * A branch's trend: its completed analyses newest first, one page at a time (the cursor goes
 * back in time, like the list of analyses, so the latest point needs no paging).
 */
export async function getAnalysisTrendForCaller(scope: ProjectScope, query: AnalysisTrendQuery) {
  const page = await listAnalyses(
    scope.projectId,
    { branch: query.branch, status: 'completed' },
    { limit: query.limit, cursor: query.cursor },
  );
  return { items: page.items.flatMap((record) => trendPoint(record) ?? []), nextCursor: page.nextCursor };
}
