import { Logger } from '@aws-lambda-powertools/logger';

// Created once per Lambda instance. Service name and namespace come from the
// POWERTOOLS_SERVICE_NAME / POWERTOOLS_METRICS_NAMESPACE env the function construct sets.
// Tracing is Lambda active tracing (X-Ray); the SDK forwards the trace header on its own.

/** Structured JSON logger; secrets are redacted before anything is written. */
export const logger = new Logger({
  logRecordOrder: ['timestamp', 'level', 'message'],
  jsonReplacerFn: (key: string, value: unknown) => (SECRET_KEYS.test(key) ? '[REDACTED]' : value),
});

const SECRET_KEYS = /pass(word)?|secret|token|authorization|cookie/i;

// Metrics live in shared/metrics.ts, which only modules that record one import: a function
// that records none neither bundles nor constructs Powertools Metrics (docs/benchmarks.md,
// cold start). It registers its flush here, so the handler kit flushes without importing it.
const metricsFlushes: Array<() => void> = [];

/** Registers how to flush stored metrics at the end of each invocation (shared/metrics.ts). */
export function onMetricsFlush(flush: () => void): void {
  metricsFlushes.push(flush);
}

/** Publishes the metrics the invocation stored, if the function records any. */
export function flushMetrics(): void {
  for (const flush of metricsFlushes) flush();
}
