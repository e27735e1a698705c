import type { FunctionMetrics, LineCounts, SkipReason } from '#shared/analysis/model';
import type { AnalysisSummary } from '#shared/schemas/analyses';

// Pure rules of the Merge stage: how per-file results add up to an analysis's summary.

/** One analysed file as the Merge stage sees it: its language, lines and (when the stage ran) functions. */
export interface FileOutcome {
  path: string;
  language: string;
  lines: LineCounts;
  /** Null when the functions stage does not cover the file's language (or did not run). */
  functions: readonly FunctionMetrics[] | null;
}

/** The buckets of the cyclomatic distribution, by their lower bound. */
export const CYCLOMATIC_BUCKETS = [
  { label: '1-5', from: 1 },
  { label: '6-10', from: 6 },
  { label: '11-20', from: 11 },
  { label: '21-50', from: 21 },
  { label: '51+', from: 51 },
] as const;

/** The bucket label a cyclomatic complexity falls in. */
export function cyclomaticBucket(cyclomatic: number): string {
  let label: string = CYCLOMATIC_BUCKETS[0].label;
  for (const bucket of CYCLOMATIC_BUCKETS) if (cyclomatic >= bucket.from) label = bucket.label;
  return label;
}

/**
 * The summary's file, line, language and function sections: totals per language (largest code
 * first, then by name), skipped files by reason, and, when any file had its functions
 * extracted, the count, distribution and maxima of their complexity. Duplication,
 * dependencies and new code come from their own stages and are passed in as they are (null when not run).
 */
export function summarize(
  files: readonly FileOutcome[],
  skipped: Readonly<Partial<Record<SkipReason, number>>>,
  sections: Pick<AnalysisSummary, 'duplication' | 'dependencies' | 'newCode'>,
): AnalysisSummary {
  const byLanguage = new Map<string, { files: number; code: number; comment: number; blank: number }>();
  const lines = { code: 0, comment: 0, blank: 0 };
  let functionsSeen = false;
  const distribution: Record<string, number> = Object.fromEntries(CYCLOMATIC_BUCKETS.map(({ label }) => [label, 0]));
  let count = 0;
  let maxCyclomatic = 0;
  let maxCognitive = 0;
  for (const file of files) {
    const language = byLanguage.get(file.language) ?? { files: 0, code: 0, comment: 0, blank: 0 };
    language.files += 1;
    for (const kind of ['code', 'comment', 'blank'] as const) {
      language[kind] += file.lines[kind];
      lines[kind] += file.lines[kind];
    }
    byLanguage.set(file.language, language);
    if (file.functions === null) continue;
    functionsSeen = true;
    for (const fn of file.functions) {
      count += 1;
      distribution[cyclomaticBucket(fn.cyclomatic)]! += 1;
      maxCyclomatic = Math.max(maxCyclomatic, fn.cyclomatic);
      maxCognitive = Math.max(maxCognitive, fn.cognitive);
    }
  }
  const languages = [...byLanguage]
    .map(([language, totals]) => ({ language, ...totals }))
    .sort((a, b) => b.code - a.code || (a.language < b.language ? -1 : a.language > b.language ? 1 : 0));
  return {
    files: {
      analysed: files.length,
      skipped: Object.fromEntries(Object.entries(skipped).filter(([, n]) => (n ?? 0) > 0)) as Record<string, number>,
    },
    lines,
    languages,
    functions: functionsSeen ? { count, cyclomaticDistribution: distribution, maxCyclomatic, maxCognitive } : null,
    // Filled later: coverage and gate by EvaluateGate (new code comes with the Merge's sections).
    coverage: null,
    gate: null,
    ...sections,
  };
}
