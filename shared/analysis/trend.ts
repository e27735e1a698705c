import type { AnalysisRecord } from '#shared/analysis/repository';
import type { AnalysisSummary, AnalysisTrendPoint } from '#shared/schemas/analyses';

// A branch's trend without I/O: which measures of a completed analysis make a point of it.

/** One completed analysis as a trend point; undefined for a record without a summary (nothing to plot). */
export function trendPoint(
  record: Pick<AnalysisRecord, 'id' | 'commit' | 'endedAt'> & { summary: AnalysisSummary | null },
): AnalysisTrendPoint | undefined {
  const { summary, endedAt } = record;
  if (!summary || !endedAt) return undefined;
  return {
    analysisId: record.id,
    commit: record.commit,
    endedAt,
    codeLines: summary.lines.code,
    functions: summary.functions?.count ?? null,
    maxCyclomatic: summary.functions?.maxCyclomatic ?? null,
    duplicationPercent: summary.duplication?.percentage ?? null,
    cycles: summary.dependencies?.cycles ?? null,
    // Summaries stored before new code was measured lack the section.
    newCodeLines: summary.newCode?.lines ?? null,
  };
}
