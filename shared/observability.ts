import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';

// Created once per Lambda instance. Service name and namespace come from the
// POWERTOOLS_SERVICE_NAME / POWERTOOLS_METRICS_NAMESPACE env the function construct sets.
// Tracing is Lambda active tracing (X-Ray); the SDK forwards the trace header on its own.

/** Structured JSON logger; secrets are redacted before anything is written. */
export const logger = new Logger({
  logRecordOrder: ['timestamp', 'level', 'message'],
  jsonReplacerFn: (key: string, value: unknown) => (SECRET_KEYS.test(key) ? '[REDACTED]' : value),
});

/** CloudWatch embedded-metric-format metrics, flushed after each invocation. */
export const metrics = new Metrics({ defaultDimensions: { stage: process.env.TRELLIS_STAGE ?? 'unknown' } });

const SECRET_KEYS = /pass(word)?|secret|token|authorization|cookie/i;
