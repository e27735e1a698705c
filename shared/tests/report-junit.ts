// The JUnit run report: a run's results written back through junit-writer.ts, so that any CI
// or IDE reads it and a re-import gives the same counts (one <testcase> per result, its
// status as the child element) and, for imported runs, the same cases (classname + name).
import type { RunCaseResult } from '#shared/schemas/test-runs';
import { junitXmlChunks, type WritableCase } from '#shared/tests/junit-writer';

/** The report in pieces (one per case). `runName` names the <testsuites> element. */
export function junitReportChunks(
  run: { id: string; suiteName: string | null },
  results: readonly RunCaseResult[],
): Generator<string> {
  const fallbackSuite = run.suiteName ?? `Trellis run ${run.id}`;
  return junitXmlChunks({ name: fallbackSuite, cases: results.map((result) => writableCase(result, fallbackSuite)) });
}

/**
 * A result as a JUnit <testcase>. Imported results keep their classname and suite path;
 * executed ones are filed under `trellis.<type>` in the run's suite, with the failed
 * assertions (or the error) as the failure text and load metrics as properties.
 */
export function writableCase(result: RunCaseResult, fallbackSuite: string): WritableCase {
  const suite = result.suitePath || fallbackSuite;
  const failed = result.assertions.filter((assertion) => !assertion.passed);
  const notPassed = result.status !== 'passed';
  const written: WritableCase = {
    suite,
    suitePath: suite,
    classname: result.classname ?? `trellis.${result.type}`,
    name: result.name,
    durationMs: Math.max(0, Math.round(result.durationMs)),
    status: result.status,
  };
  const message = result.message ?? result.error ?? failed[0]?.message;
  if (notPassed && message) written.message = message;
  const details =
    result.details ??
    [result.error, ...failed.map((assertion) => `${assertion.type}: ${assertion.message}`)]
      .filter((line) => line !== undefined)
      .join('\n');
  if (notPassed && details) written.details = details;
  if (result.attempts > 1) written.retries = result.attempts - 1;
  if (result.systemOut) written.systemOut = result.systemOut;
  if (result.systemErr) written.systemErr = result.systemErr;
  if (result.metrics) {
    const { requests, rps, errorRate, latency } = result.metrics;
    written.properties = {
      requests: String(requests),
      rps: String(rps),
      errorRate: String(errorRate),
      ...Object.fromEntries(Object.entries(latency).map(([name, value]) => [`latency.${name}Ms`, String(value)])),
    };
  }
  return written;
}
