import { Metrics } from '@aws-lambda-powertools/metrics';
import { onMetricsFlush } from '#shared/observability';

/** CloudWatch embedded-metric-format metrics, flushed after each invocation by the handler kit. */
export const metrics = new Metrics({ defaultDimensions: { stage: process.env.TRELLIS_STAGE ?? 'unknown' } });

onMetricsFlush(() => {
  if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
});
