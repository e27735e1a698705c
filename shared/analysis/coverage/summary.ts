// Line coverage figures from FileCoverage: per file, overall, and on new code (the lines an
// analysis marks as added or changed since the branch's previous analysis).
import type { FileCoverage } from '#shared/analysis/model';
import type { AnalysisCoverage } from '#shared/schemas/analyses';

/** Instrumented and covered lines, and covered / instrumented in percent (null when nothing is instrumented). */
export interface LineCoverage {
  lines: number;
  covered: number;
  percent: number | null;
}

/** Coverage of each file, of all files, and of the new lines when they are given. */
export interface CoverageSummary {
  overall: LineCoverage;
  files: ({ path: string } & LineCoverage)[];
  /** Only the new lines the report instruments count; new lines it does not know (comments, blanks) do not. */
  newCode?: LineCoverage;
}

/**
 * Sums line coverage per file and overall. `newLines` (path → new line numbers) adds the
 * coverage on those lines only. Percentages are rounded to two decimals.
 */
export function coverageSummary(
  files: FileCoverage[],
  newLines?: ReadonlyMap<string, ReadonlySet<number>>,
): CoverageSummary {
  const overall = { lines: 0, covered: 0 };
  const newCode = { lines: 0, covered: 0 };
  const perFile = files.map(({ path, lines }) => {
    const counts = { lines: 0, covered: 0 };
    const fresh = newLines?.get(path);
    for (const [line, hits] of lines) {
      counts.lines++;
      if (hits > 0) counts.covered++;
      if (fresh?.has(line)) {
        newCode.lines++;
        if (hits > 0) newCode.covered++;
      }
    }
    overall.lines += counts.lines;
    overall.covered += counts.covered;
    return { path, ...withPercent(counts) };
  });
  perFile.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return {
    overall: withPercent(overall),
    files: perFile,
    ...(newLines ? { newCode: withPercent(newCode) } : {}),
  };
}

function withPercent({ lines, covered }: { lines: number; covered: number }): LineCoverage {
  return { lines, covered, percent: lines === 0 ? null : Math.round((covered / lines) * 10_000) / 100 };
}

/** The summary's coverage section: `files` is how many files the report covers (after mapping to the snapshot). */
export function coverageSection(format: AnalysisCoverage['format'], summary: CoverageSummary): AnalysisCoverage {
  const section = (coverage: LineCoverage) => ({
    coveredLines: coverage.covered,
    instrumentedLines: coverage.lines,
    percentage: coverage.percent,
  });
  return {
    format,
    files: summary.files.length,
    ...section(summary.overall),
    newCode: summary.newCode ? section(summary.newCode) : null,
  };
}
