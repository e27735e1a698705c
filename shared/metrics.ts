import { createRequire } from 'node:module';
import type { Metrics } from '@aws-lambda-powertools/metrics';
import { onMetricsFlush } from '#shared/observability';

type MetricsModule = typeof import('@aws-lambda-powertools/metrics');

// Powertools Metrics is loaded and built with the first metric, not at init: its module and its
// constructor (a Console on stdout) cost every publishing function several milliseconds of cold
// start (docs/benchmarks.md, "Cold start"), and a function records a metric only after a write.
let metrics: Metrics | undefined;
let metricsModule: MetricsModule | undefined;

/**
 * In a Lambda bundle esbuild turns this `require` into its lazy wrapper of the bundled package;
 * unbundled (tests, local mode) an ES module has no `require`, so Node resolves the package.
 */
function loaded(): MetricsModule {
  metricsModule ??= (
    typeof require === 'function'
      ? require('@aws-lambda-powertools/metrics')
      : createRequire(import.meta.url)('@aws-lambda-powertools/metrics')
  ) as MetricsModule;
  return metricsModule;
}

function built(): Metrics {
  if (metrics) return metrics;
  const created = new (loaded().Metrics)({ defaultDimensions: { stage: process.env.TRELLIS_STAGE ?? 'unknown' } });
  onMetricsFlush(() => {
    if (created.hasStoredMetrics()) created.publishStoredMetrics();
  });
  metrics = created;
  return created;
}

/**
 * Counts one occurrence of `name` (a CloudWatch embedded-metric-format metric), flushed after the
 * invocation by the handler kit.
 */
export function countMetric(name: string): void {
  built().addMetric(name, loaded().MetricUnit.Count, 1);
}
