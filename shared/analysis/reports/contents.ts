import { DEFAULT_GATE_CONDITIONS } from '#shared/analysis/gate/rules';
import type { FunctionMetrics } from '#shared/analysis/model';
import type { AnalysisReportInput } from '#shared/analysis/reports/html';
import type { SarifInput } from '#shared/analysis/reports/sarif';
import type { StoredFile, StoredFileFunctions } from '#shared/analysis/results';
import type { AnalysisDependencies, AnalysisSummary, DuplicationBlock } from '#shared/schemas/analyses';
import type { GateCondition, GateMetric } from '#shared/schemas/quality-gate';

// What an analysis report is made of, without I/O: the stored results of a completed analysis
// turned into the inputs of the HTML page, the SARIF log and the JSON document.

/** How many of the worst functions and largest duplicated blocks the HTML page lists. */
export const REPORT_LIST_LIMIT = 50;

/** The complexity a function may reach before SARIF reports it, when the gate says nothing. */
const DEFAULT_THRESHOLD = 15;

/** A completed analysis's stored results, as the report routes read them (null: that stage did not run). */
export interface StoredAnalysisResults {
  analysis: { id: string; commit: string; branch: string; startedAt: string | null; endedAt: string | null };
  summary: AnalysisSummary;
  files: readonly StoredFile[];
  /** Each batch's functions, by path. */
  functions: readonly StoredFileFunctions[];
  duplications: readonly DuplicationBlock[] | null;
  dependencies: AnalysisDependencies | null;
}

/** Every function of the analysis with its file's path, in path order. */
export function functionsWithPaths(results: Pick<StoredAnalysisResults, 'functions'>) {
  const all: (FunctionMetrics & { path: string })[] = [];
  for (const batch of results.functions) {
    for (const [path, functions] of Object.entries(batch)) {
      for (const fn of functions) all.push({ ...fn, path });
    }
  }
  return all.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.startLine - b.startLine));
}

/** The HTML page's input: the summary, the most complex functions, the largest blocks and the cycles. */
export function htmlReportInput(results: StoredAnalysisResults): AnalysisReportInput {
  const complexFunctions = functionsWithPaths(results)
    .sort((a, b) => b.cyclomatic - a.cyclomatic || b.cognitive - a.cognitive)
    .slice(0, REPORT_LIST_LIMIT)
    .map(({ path, name, startLine, cyclomatic, cognitive }) => ({ path, name, startLine, cyclomatic, cognitive }));
  return {
    analysis: results.analysis,
    summary: results.summary,
    gate: results.summary.gate ?? null,
    complexFunctions,
    // Stored largest first (Merge writes them so).
    duplications: (results.duplications ?? []).slice(0, REPORT_LIST_LIMIT),
    cycles: results.dependencies?.cycles ?? [],
  };
}

/** SARIF's input: every finding, with the gate's complexity thresholds (or 15 where it sets none). */
export function sarifReportInput(
  results: StoredAnalysisResults,
  options: { apiDocsUrl: string; repositoryUrl?: string; gate?: readonly GateCondition[] },
): SarifInput {
  // The gate the analysis was judged by (its conditions are on the summary), else the given or default one.
  const conditions = options.gate ?? results.summary.gate?.conditions ?? DEFAULT_GATE_CONDITIONS;
  return {
    analysis: results.analysis,
    apiDocsUrl: options.apiDocsUrl,
    ...(options.repositoryUrl === undefined ? {} : { repositoryUrl: options.repositoryUrl }),
    functions: functionsWithPaths(results),
    duplications: results.duplications ?? [],
    cycles: (results.dependencies?.cycles ?? []).map((cycle) => ({ files: cycle.nodes, example: cycle.example })),
    thresholds: {
      cyclomatic: upperBound(conditions, 'max_cyclomatic_complexity'),
      cognitive: upperBound(conditions, 'max_cognitive_complexity'),
    },
  };
}

/** The JSON report: the analysis and its summary with every file, function, duplicated block and cycle. */
export function jsonReport(results: StoredAnalysisResults) {
  return {
    analysis: results.analysis,
    summary: results.summary,
    files: results.files.map(({ batch: _batch, ...file }) => file),
    functions: functionsWithPaths(results),
    duplications: results.duplications,
    cycles: results.dependencies?.cycles ?? null,
  };
}

/**
 * The largest value a gate lets a metric reach (`lte 15` → 15, `lt 15` → 14); the default when
 * the gate has no upper bound on it. With several, the strictest holds.
 */
function upperBound(conditions: readonly GateCondition[], metric: GateMetric): number {
  const bounds = conditions.flatMap((condition) => {
    if (condition.metric !== metric) return [];
    if (condition.operator === 'lte') return [condition.threshold];
    if (condition.operator === 'lt') return [Math.ceil(condition.threshold) - 1];
    return [];
  });
  return bounds.length === 0 ? DEFAULT_THRESHOLD : Math.min(...bounds);
}
