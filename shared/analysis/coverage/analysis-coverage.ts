import { matchCoveragePaths } from '#shared/analysis/coverage/paths';
import { coverageSection, coverageSummary } from '#shared/analysis/coverage/summary';
import type { AnalysisRecord } from '#shared/analysis/repository';
import { getResult, putResult } from '#shared/analysis/result-store';
import {
  RESULT_OBJECTS,
  type StoredCoverageFiles,
  type StoredCoverageReport,
  type StoredFile,
  type StoredNewLines,
} from '#shared/analysis/results';
import type { AnalysisCoverage } from '#shared/schemas/analyses';

// The coverage of an analysis from the report attached last: its paths mapped onto the
// snapshot's files, line coverage per file, overall and on the new lines (RESULT_OBJECTS.newLines,
// which the Merge writes when the analysis has a base).

/** Coverage of the analysis's snapshot and the report paths that matched no file; null without a report. */
export interface AnalysisCoverageOutcome {
  coverage: AnalysisCoverage;
  unmatched: string[];
}

/**
 * Reads the analysis's coverage report (`record.coverageVersion`) and maps it onto the files
 * the Merge wrote; writes the per-file figures (`coverageFiles`, named by the version, so a
 * repeated evaluation rewrites the same object). Null when no report was attached.
 */
export async function evaluateAnalysisCoverage(record: AnalysisRecord): Promise<AnalysisCoverageOutcome | null> {
  const version = record.coverageVersion;
  if (version === undefined) return null;
  const { projectId, id: analysisId } = record;
  const [report, files, newLines] = await Promise.all([
    getResult<StoredCoverageReport>(projectId, analysisId, RESULT_OBJECTS.coverageReport(version)),
    getResult<StoredFile[]>(projectId, analysisId, RESULT_OBJECTS.files),
    getResult<StoredNewLines>(projectId, analysisId, RESULT_OBJECTS.newLines),
  ]);
  // The report object is written before the version is set on the analysis: it is always there.
  if (!report) throw new Error(`Coverage report ${version} of analysis ${analysisId} is missing`);
  const match = matchCoveragePaths(
    report.files.map((file) => ({ path: file.path, lines: new Map(file.lines) })),
    (files ?? []).map((file) => file.path),
  );
  const summary = coverageSummary(match.files, newLines && newLinesByPath(newLines));
  const stored: StoredCoverageFiles = {
    files: Object.fromEntries(
      summary.files.map((file) => [file.path, { coveredLines: file.covered, instrumentedLines: file.lines }]),
    ),
    unmatched: match.unmatched,
  };
  await putResult(projectId, analysisId, RESULT_OBJECTS.coverageFiles(version), stored);
  return { coverage: coverageSection(report.format, summary), unmatched: match.unmatched };
}

function newLinesByPath(newLines: StoredNewLines): Map<string, ReadonlySet<number>> {
  return new Map(Object.entries(newLines).map(([path, lines]) => [path, new Set(lines)]));
}
