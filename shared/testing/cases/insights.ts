import type * as z from 'zod/mini';
import type { ProjectScope } from '#shared/auth/project-access';
import type { CaseStatus, TestCaseType } from '#shared/schemas/test-cases';
import type { TestInsights } from '#shared/schemas/test-runs';
import { mapConcurrently } from '#shared/testing/cases/repository';
import { allResults, listTestRuns, type TestRunRecord } from '#shared/testing/runs/repository';

export type TestInsightsView = z.infer<typeof TestInsights>;

/**
 * Bounds of one insights request. The window is the project's latest `runs` finished
 * (passed or failed) runs, found among its latest MAX_RUNS_SCANNED runs; their results are
 * read (only the attributes insights need, RESULT_READ_CONCURRENCY runs at a time) until
 * MAX_RESULTS results: older runs past that budget are left out of the window, which says
 * how many runs it covers. The newest finished run is always in it.
 */
export const INSIGHTS_LIMITS = { maxRunsScanned: 500, maxResults: 50_000, resultReadConcurrency: 8 } as const;

/** The attributes of a result insights read. */
export interface InsightResult {
  caseId: string;
  name: string;
  type: TestCaseType;
  status: CaseStatus;
  durationMs: number;
  attempts: number;
  flaky: boolean;
}

type InsightRun = Pick<TestRunRecord, 'id' | 'suiteKey' | 'suiteId' | 'suiteName' | 'summary' | 'createdAt'>;

/** Flakiest, most failed and slowest cases, and the pass-rate trend per suite, over recent finished runs. */
export async function getTestInsights(
  scope: ProjectScope,
  query: { runs: number; limit: number },
): Promise<TestInsightsView> {
  const { projectId } = scope;
  const runs = withinResultBudget(await recentFinishedRuns(projectId, query.runs));
  const results = await mapConcurrently(runs, INSIGHTS_LIMITS.resultReadConcurrency, (run) => insightResults(run.id));
  return computeInsights(
    runs.map((run, index) => ({ run, results: results[index] ?? [] })),
    query.limit,
  );
}

/** The latest `wanted` passed or failed runs, newest first. */
async function recentFinishedRuns(projectId: string, wanted: number): Promise<TestRunRecord[]> {
  const found: TestRunRecord[] = [];
  let cursor: string | undefined;
  for (let scanned = 0; scanned < INSIGHTS_LIMITS.maxRunsScanned && found.length < wanted; ) {
    const page = await listTestRuns(projectId, {}, { limit: 100, cursor });
    scanned += page.items.length;
    for (const run of page.items) {
      if ((run.status === 'passed' || run.status === 'failed') && found.length < wanted) found.push(run);
    }
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  return found;
}

/** The newest runs whose results, by their summaries, fit in the budget (at least the newest one). */
function withinResultBudget(runs: TestRunRecord[]): TestRunRecord[] {
  let total = 0;
  const kept: TestRunRecord[] = [];
  for (const run of runs) {
    total += run.summary?.total ?? 0;
    if (kept.length > 0 && total > INSIGHTS_LIMITS.maxResults) break;
    kept.push(run);
  }
  return kept;
}

/** A run's results, projected to what insights need (results can be large: assertions, output). */
async function insightResults(runId: string): Promise<InsightResult[]> {
  return (await allResults(runId)).map((result) => ({
    caseId: result.caseId,
    name: result.name,
    type: result.type,
    status: result.status,
    durationMs: result.durationMs,
    attempts: result.attempts,
    flaky: result.flaky === true,
  }));
}

interface CaseTally {
  caseId: string;
  name: string;
  type: TestCaseType;
  runs: number;
  flakyRuns: number;
  failures: number;
  totalMs: number;
  maxMs: number;
}

/**
 * The insights of a window of runs given newest first with their results. A case counts in
 * a run when its result was not skipped; a result is flaky when it was marked flaky or passed
 * only after a retry. Names and types are the newest result's.
 */
export function computeInsights(
  window: readonly { run: InsightRun; results: readonly InsightResult[] }[],
  limit: number,
): TestInsightsView {
  const tallies = new Map<string, CaseTally>();
  for (const { results } of window) {
    for (const result of results) {
      let tally = tallies.get(result.caseId);
      if (!tally) {
        tally = {
          caseId: result.caseId,
          name: result.name,
          type: result.type,
          runs: 0,
          flakyRuns: 0,
          failures: 0,
          totalMs: 0,
          maxMs: 0,
        };
        tallies.set(result.caseId, tally);
      }
      if (result.status === 'skipped') continue;
      tally.runs++;
      if (result.flaky || (result.status === 'passed' && result.attempts > 1)) tally.flakyRuns++;
      if (result.status === 'failed' || result.status === 'errored') tally.failures++;
      tally.totalMs += result.durationMs;
      tally.maxMs = Math.max(tally.maxMs, result.durationMs);
    }
  }
  const counted = [...tallies.values()].filter((tally) => tally.runs > 0);
  const ref = (tally: CaseTally) => ({ caseId: tally.caseId, name: tally.name, type: tally.type });
  const byName = (a: CaseTally, b: CaseTally) => a.name.localeCompare(b.name) || a.caseId.localeCompare(b.caseId);

  const flakiest = counted
    .filter((tally) => tally.flakyRuns > 0)
    .sort((a, b) => b.flakyRuns - a.flakyRuns || b.flakyRuns / b.runs - a.flakyRuns / a.runs || byName(a, b))
    .slice(0, limit)
    .map((tally) => ({
      ...ref(tally),
      flakyRuns: tally.flakyRuns,
      runs: tally.runs,
      flakyRate: tally.flakyRuns / tally.runs,
    }));
  const mostFailed = counted
    .filter((tally) => tally.failures > 0)
    .sort((a, b) => b.failures - a.failures || b.failures / b.runs - a.failures / a.runs || byName(a, b))
    .slice(0, limit)
    .map((tally) => ({
      ...ref(tally),
      failures: tally.failures,
      runs: tally.runs,
      failureRate: tally.failures / tally.runs,
    }));
  const slowest = counted
    .map((tally) => ({ tally, averageMs: tally.totalMs / tally.runs }))
    .sort((a, b) => b.averageMs - a.averageMs || byName(a.tally, b.tally))
    .slice(0, limit)
    .map(({ tally, averageMs }) => ({ ...ref(tally), averageMs, maxMs: tally.maxMs, runs: tally.runs }));

  return {
    window: {
      runs: window.length,
      from: window.at(-1)?.run.createdAt ?? null,
      to: window.at(0)?.run.createdAt ?? null,
    },
    flakiest,
    mostFailed,
    slowest,
    suiteTrends: suiteTrends(window.map(({ run }) => run)),
  };
}

/** Pass rate per suite (by suite key), oldest to newest; suites with the latest run first. */
function suiteTrends(runsNewestFirst: readonly InsightRun[]): TestInsightsView['suiteTrends'] {
  const trends = new Map<string, TestInsightsView['suiteTrends'][number]>();
  for (const run of runsNewestFirst) {
    let trend = trends.get(run.suiteKey);
    if (!trend) {
      trend = { suiteId: run.suiteId, suiteName: run.suiteName, points: [] };
      trends.set(run.suiteKey, trend);
    }
    trend.points.push({ runId: run.id, at: run.createdAt, passRate: run.summary?.passRate ?? null });
  }
  return [...trends.values()].map((trend) => ({ ...trend, points: trend.points.reverse() }));
}
