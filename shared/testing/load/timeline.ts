// Per-second buckets of a load test (throughput and latency over time), by wall-clock second
// so that the buckets of parallel workers line up and merge exactly: counts and sums add,
// maxima take the larger. Kept as parallel arrays: a worker's result crosses the state
// machine's state (256 KB) and a 300 s run is 300 buckets.

/** One load result's seconds, from `startSecond` (Unix seconds) on; index i is second startSecond + i. */
export interface LoadTimeline {
  startSecond: number;
  /** Requests settled (answered or failed) in the second. */
  requests: number[];
  errors: number[];
  /** Latency samples (answers and timeouts, as the histogram counts them) and their sum and maximum. */
  latencyCount: number[];
  latencySumMs: number[];
  latencyMaxMs: number[];
}

/** Collects a run's settled requests into seconds. */
export class TimelineRecorder {
  private startSecond: number | undefined;
  private readonly buckets: LoadTimeline = {
    startSecond: 0,
    requests: [],
    errors: [],
    latencyCount: [],
    latencySumMs: [],
    latencyMaxMs: [],
  };

  /** A request settled at `epochMs`; `latencyMs` when it has a latency (answers, timeouts). */
  record(epochMs: number, error: boolean, latencyMs: number | undefined): void {
    const second = Math.floor(epochMs / 1000);
    this.startSecond ??= second;
    const index = Math.max(0, second - this.startSecond);
    const b = this.buckets;
    while (b.requests.length <= index) {
      b.requests.push(0);
      b.errors.push(0);
      b.latencyCount.push(0);
      b.latencySumMs.push(0);
      b.latencyMaxMs.push(0);
    }
    b.requests[index]!++;
    if (error) b.errors[index]!++;
    if (latencyMs !== undefined) {
      b.latencyCount[index]!++;
      b.latencySumMs[index]! += latencyMs;
      b.latencyMaxMs[index] = Math.max(b.latencyMaxMs[index]!, latencyMs);
    }
  }

  /** The seconds so far (sums rounded to 0.1 ms); undefined before the first request. */
  timeline(): LoadTimeline | undefined {
    if (this.startSecond === undefined) return undefined;
    const round = (values: number[]) => values.map((value) => Math.round(value * 10) / 10);
    const b = this.buckets;
    return {
      ...b,
      startSecond: this.startSecond,
      latencySumMs: round(b.latencySumMs),
      latencyMaxMs: round(b.latencyMaxMs),
    };
  }
}

/** The workers' timelines on one clock: each second's counts and sums added, maxima kept. */
export function mergeTimelines(timelines: readonly (LoadTimeline | undefined)[]): LoadTimeline | undefined {
  const present = timelines.filter((timeline): timeline is LoadTimeline => timeline !== undefined);
  if (present.length === 0) return undefined;
  const startSecond = Math.min(...present.map((timeline) => timeline.startSecond));
  const length = Math.max(...present.map((timeline) => timeline.startSecond - startSecond + timeline.requests.length));
  const zeros = () => new Array<number>(length).fill(0);
  const merged: LoadTimeline = {
    startSecond,
    requests: zeros(),
    errors: zeros(),
    latencyCount: zeros(),
    latencySumMs: zeros(),
    latencyMaxMs: zeros(),
  };
  for (const timeline of present) {
    const offset = timeline.startSecond - startSecond;
    timeline.requests.forEach((_, index) => {
      const at = offset + index;
      merged.requests[at]! += timeline.requests[index]!;
      merged.errors[at]! += timeline.errors[index]!;
      merged.latencyCount[at]! += timeline.latencyCount[index]!;
      merged.latencySumMs[at] = Math.round((merged.latencySumMs[at]! + timeline.latencySumMs[index]!) * 10) / 10;
      merged.latencyMaxMs[at] = Math.max(merged.latencyMaxMs[at]!, timeline.latencyMaxMs[index]!);
    });
  }
  return merged;
}
