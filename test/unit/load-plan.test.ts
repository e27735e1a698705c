import { describe, expect, it } from 'vitest';
import { LOAD_SHARES, splitLoad } from '#shared/testing/load/plan';

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

describe('splitLoad', () => {
  it('keeps a small load on one worker', () => {
    expect(splitLoad({ connections: 10, durationSeconds: 30 })).toEqual([
      { index: 0, load: { connections: 10, durationSeconds: 30 } },
    ]);
  });

  it('gives each worker about 25 connections for the same duration, at most 4 workers', () => {
    // Act
    const shares = splitLoad({ connections: 60, durationSeconds: 120 });
    const capped = splitLoad({ connections: 200, durationSeconds: 5 });

    // Assess
    expect(shares.map((share) => share.load)).toEqual([
      { connections: 20, durationSeconds: 120 },
      { connections: 20, durationSeconds: 120 },
      { connections: 20, durationSeconds: 120 },
    ]);
    expect(capped).toHaveLength(LOAD_SHARES.maxWorkers);
    expect(sum(capped.map((share) => (share.load as { connections: number }).connections))).toBe(200);
    expect(capped.map((share) => share.index)).toEqual([0, 1, 2, 3]);
  });

  it('divides a request count exactly, never giving a worker more connections than requests', () => {
    // Act
    const even = splitLoad({ connections: 30, requests: 90 });
    const uneven = splitLoad({ connections: 51, requests: 1001 });
    const few = splitLoad({ connections: 100, requests: 3 });

    // Assess
    expect(even.map((share) => share.load)).toEqual([
      { connections: 15, requests: 45 },
      { connections: 15, requests: 45 },
    ]);
    const loads = uneven.map((share) => share.load as { connections: number; requests: number });
    expect(loads).toHaveLength(3);
    expect(sum(loads.map((load) => load.requests))).toBe(1001);
    expect(sum(loads.map((load) => load.connections))).toBe(51);
    expect(few.map((share) => share.load)).toEqual([
      { connections: 1, requests: 1 },
      { connections: 1, requests: 1 },
      { connections: 1, requests: 1 },
    ]);
  });

  it('divides an arrival rate over workers of about 250 per second each', () => {
    const shares = splitLoad({ arrivalRate: 600, durationSeconds: 60 });
    expect(shares.map((share) => share.load)).toEqual([
      { arrivalRate: 200, durationSeconds: 60 },
      { arrivalRate: 200, durationSeconds: 60 },
      { arrivalRate: 200, durationSeconds: 60 },
    ]);
    expect(splitLoad({ arrivalRate: 5000, durationSeconds: 1 })).toHaveLength(4);
  });
});
