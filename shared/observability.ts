import { createRequire } from 'node:module';
import type { Logger } from '@aws-lambda-powertools/logger';
import type { Context } from 'aws-lambda';

// Service name and namespace come from the POWERTOOLS_SERVICE_NAME / POWERTOOLS_METRICS_NAMESPACE
// env the function construct sets. Tracing is Lambda active tracing (X-Ray); the SDK forwards
// the trace header on its own.

const SECRET_KEYS = /pass(word)?|secret|token|authorization|cookie/i;

/** What the platform's code asks of its logger: these Powertools Logger methods, and only these. */
export interface PlatformLogger {
  addContext(context: Context): void;
  appendKeys(keys: Record<string, unknown>): void;
  info: Logger['info'];
  warn: Logger['warn'];
  error: Logger['error'];
}

// The Powertools Logger is loaded and built when the first line is written, not at init: its
// module and its constructor (which opens stdout and stderr for its Console) are ≈ 5 ms of every
// cold start (docs/benchmarks.md, "Cold start"), and at the deployed log level most invocations
// write nothing. Until then the invocation's context and keys wait here and are handed over
// when it is built, so every line carries what it carried with a logger built at init.
let powertools: Logger | undefined;
let pendingContext: Context | undefined;
let invocationsBeforeBuilt = 0;
const pendingKeys: Record<string, unknown> = {};

/**
 * In a Lambda bundle esbuild turns this `require` into its lazy wrapper of the bundled package;
 * unbundled (tests, local mode) an ES module has no `require`, so Node resolves the package.
 */
function loggerClass(): typeof Logger {
  return (
    (typeof require === 'function'
      ? require('@aws-lambda-powertools/logger')
      : createRequire(import.meta.url)('@aws-lambda-powertools/logger')) as { Logger: typeof Logger }
  ).Logger;
}

function built(): Logger {
  if (powertools) return powertools;
  powertools = new (loggerClass())({
    logRecordOrder: ['timestamp', 'level', 'message'],
    jsonReplacerFn: (key: string, value: unknown) => (SECRET_KEYS.test(key) ? '[REDACTED]' : value),
  });
  if (pendingContext) {
    // `cold_start` is true in the first invocation's lines only: the first `addContext` of a
    // Logger says cold start, so a Logger built in a later invocation takes one to say it.
    if (invocationsBeforeBuilt > 1) powertools.addContext(pendingContext);
    powertools.addContext(pendingContext);
  }
  powertools.appendKeys(pendingKeys);
  return powertools;
}

/** Structured JSON logger (Powertools, built on first use); secrets are redacted before anything is written. */
export const logger: PlatformLogger = {
  addContext(context) {
    if (powertools) return powertools.addContext(context);
    pendingContext = context;
    invocationsBeforeBuilt++;
  },
  appendKeys(keys) {
    if (powertools) powertools.appendKeys(keys);
    else Object.assign(pendingKeys, keys);
  },
  info: (input, ...extra) => built().info(input, ...extra),
  warn: (input, ...extra) => built().warn(input, ...extra),
  error: (input, ...extra) => built().error(input, ...extra),
};

/**
 * The Powertools Logger itself, built now: for Powertools' own middleware (event consumers'
 * `injectLambdaContext`), which needs the class, not the methods above.
 */
export function powertoolsLogger(): Logger {
  return built();
}

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
