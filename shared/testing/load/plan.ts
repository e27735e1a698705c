import type { PerformanceSpec } from '#shared/schemas/test-cases';

/**
 * How a performance case's load is split over the TestRun machine's load workers (its inner
 * Map): each worker takes about this many connections (or this arrival rate), up to
 * `maxWorkers`. Few workers: each one is a Lambda, and the merge is exact whatever their number.
 */
export const LOAD_SHARES = { maxWorkers: 4, connectionsPerWorker: 25, arrivalRatePerWorker: 250 } as const;

/** One load worker's part of a performance case's load. */
export interface LoadShare {
  index: number;
  load: PerformanceSpec['load'];
}

/**
 * The shares of a load: requests and arrival rate add up exactly to the case's, connections
 * too unless a share has fewer requests than connections (a connection per request is enough).
 * Every share has at least one connection and one request; the duration is the same for all.
 */
export function splitLoad(load: PerformanceSpec['load']): LoadShare[] {
  if ('arrivalRate' in load) {
    const workers = Math.min(LOAD_SHARES.maxWorkers, Math.ceil(load.arrivalRate / LOAD_SHARES.arrivalRatePerWorker));
    return Array.from({ length: workers }, (_, index) => ({
      index,
      load: { arrivalRate: load.arrivalRate / workers, durationSeconds: load.durationSeconds },
    }));
  }
  const limit = 'requests' in load ? Math.min(load.connections, load.requests) : load.connections;
  const workers = Math.min(
    LOAD_SHARES.maxWorkers,
    Math.ceil(load.connections / LOAD_SHARES.connectionsPerWorker),
    limit,
  );
  const connections = divide(load.connections, workers);
  const requests = 'requests' in load ? divide(load.requests, workers) : undefined;
  return connections.map((share, index) => ({
    index,
    load:
      requests === undefined
        ? { connections: share, durationSeconds: (load as { durationSeconds: number }).durationSeconds }
        : { connections: Math.min(share, requests[index]!), requests: requests[index]! },
  }));
}

/** `total` in `parts` near-equal integers (the first ones one larger), summing to `total`. */
function divide(total: number, parts: number): number[] {
  const base = Math.floor(total / parts);
  return Array.from({ length: parts }, (_, index) => base + (index < total % parts ? 1 : 0));
}
