import { createHistogram, type RecordableHistogram } from 'node:perf_hooks';

/** Percentiles of a sample, in milliseconds. */
export interface Summary {
  n: number;
  p50: number;
  p90: number;
  p99: number;
  mean: number;
  min: number;
}

/**
 * A latency recorder on Node's own HDR histogram (perf_hooks), at nanosecond resolution
 * with three significant digits.
 */
export class LatencyRecorder {
  private readonly histogram: RecordableHistogram = createHistogram();

  /** Records one duration given in milliseconds. */
  recordMs(ms: number): void {
    this.histogram.record(Math.max(1, Math.round(ms * 1e6)));
  }

  /** Records one duration given in nanoseconds (from `process.hrtime.bigint()` differences). */
  recordNs(ns: bigint): void {
    this.histogram.record(ns > 0n ? ns : 1n);
  }

  summary(): Summary {
    const h = this.histogram;
    return {
      n: h.count,
      p50: h.percentile(50) / 1e6,
      p90: h.percentile(90) / 1e6,
      p99: h.percentile(99) / 1e6,
      mean: h.mean / 1e6,
      min: h.min / 1e6,
    };
  }
}

/** Summary of samples given in milliseconds. */
export function summarize(samplesMs: readonly number[]): Summary {
  const recorder = new LatencyRecorder();
  for (const sample of samplesMs) recorder.recordMs(sample);
  return recorder.summary();
}

/** A shuffled copy (Fisher–Yates): random order per round spreads machine drift over all entries. */
export function shuffled<T>(items: readonly T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

/** The median of a sample (the mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
