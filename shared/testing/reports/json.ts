// The JSON run report: the run as GET .../test-runs/{runId} shows it, with every result
// inline instead of the first page and a cursor.
import type { RunCaseResult, TestRun } from '#shared/schemas/test-runs';

export type RunHeader = Omit<TestRun, 'results' | 'resultsCursor'>;

/** What a report shows beyond the run as the API gives it. */
export interface ReportExtras {
  /** The name of the environment the run targeted (null when it had none, or it is gone). */
  environmentName?: string | null;
  /** Imported runs: the report's suite-level `<properties>` by suite path. */
  suiteProperties?: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

/** The report in pieces (one per result), so a large run is never one giant JSON.stringify. */
export function* jsonReportChunks(run: RunHeader, results: Iterable<RunCaseResult>): Generator<string> {
  const head = JSON.stringify({ ...run, generatedAt: new Date().toISOString() });
  yield `${head.slice(0, -1)},"results":[`;
  let first = true;
  for (const result of results) {
    yield first ? JSON.stringify(result) : `,${JSON.stringify(result)}`;
    first = false;
  }
  yield ']}\n';
}
