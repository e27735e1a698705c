// The JUnit run report: a run's results written back through junit-writer.ts, so that any CI
// or IDE reads it and a re-import gives the same counts (one <testcase> per result, its
// status as the child element) and, for imported runs, the same cases (classname + name).
import type { RunCaseResult } from '#shared/schemas/test-runs';
import { junitXmlChunks, type WritableCase } from '#shared/testing/imports/junit-writer';
import type { ReportExtras } from '#shared/testing/reports/json';

/** The report in pieces (one per case). `runName` names the <testsuites> element. */
export function junitReportChunks(
  run: { id: string; suiteName: string | null },
  results: readonly RunCaseResult[],
  extras: Pick<ReportExtras, 'suiteProperties'> = {},
): Generator<string> {
  const fallbackSuite = run.suiteName ?? `Trellis run ${run.id}`;
  return junitXmlChunks({
    name: fallbackSuite,
    cases: results.map((result) => writableCase(result, fallbackSuite)),
    suiteProperties: extras.suiteProperties,
  });
}

/**
 * A result as a JUnit <testcase>. Imported results keep their classname, suite path and
 * failure text; executed ones are filed under `trellis.<type>` in the run's suite, with the
 * error and the failed assertions or thresholds as the failure text, and a performance
 * case's metrics and load breakdown as properties (imported ones keep their own).
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
  // Only imported results have `details`: the failure text their report gave.
  const details =
    result.details ??
    [result.error, ...failed.map((assertion) => `${assertion.type}: ${assertion.message}`)]
      .filter((line) => line !== undefined)
      .join('\n');
  if (notPassed && details) written.details = details;
  if (result.attempts > 1) written.retries = result.attempts - 1;
  if (result.systemOut) written.systemOut = result.systemOut;
  if (result.systemErr) written.systemErr = result.systemErr;
  const properties = { ...result.properties, ...metricProperties(result.metrics), ...loadProperties(result.load) };
  if (Object.keys(properties).length > 0) written.properties = properties;
  return written;
}

/** `requests`, `rps`, `errorRate`, `latency.p95Ms`… */
function metricProperties(metrics: RunCaseResult['metrics']): Record<string, string> {
  if (!metrics) return {};
  const { requests, rps, errorRate, latency } = metrics;
  return {
    requests: String(requests),
    rps: String(rps),
    errorRate: String(errorRate),
    ...latencyProperties('latency', latency),
  };
}

/** `workers`, `stoppedBy`, `status.200`, `errors.timeout`, `request.<name>.latency.p95Ms`… */
function loadProperties(load: RunCaseResult['load']): Record<string, string> {
  if (!load) return {};
  const properties: Record<string, string> = {
    workers: String(load.workers),
    stoppedBy: load.stoppedBy,
    lateStarts: String(load.lateStarts),
  };
  for (const [status, count] of Object.entries(load.statusCounts)) properties[`status.${status}`] = String(count);
  for (const [kind, count] of Object.entries(load.errorsByKind)) properties[`errors.${kind}`] = String(count);
  for (const [name, request] of Object.entries(load.byRequest)) {
    properties[`request.${name}.requests`] = String(request.requests);
    properties[`request.${name}.errors`] = String(request.errors);
    Object.assign(properties, latencyProperties(`request.${name}.latency`, request.latency));
  }
  return properties;
}

function latencyProperties(prefix: string, latency: Record<string, number>): Record<string, string> {
  return Object.fromEntries(Object.entries(latency).map(([name, value]) => [`${prefix}.${name}Ms`, String(value)]));
}
