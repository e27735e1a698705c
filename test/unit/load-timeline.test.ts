import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mergeLoadResults, runLoad } from '#shared/testing/load/engine';
import { type LoadTimeline, mergeTimelines, TimelineRecorder } from '#shared/testing/load/timeline';
import { htmlReportChunks } from '#shared/testing/reports/html';
import { closeServer, listenOnLoopback } from '../../scripts/local/http-server.ts';

const timeline = (startSecond: number, requests: number[], latencyMaxMs: number[]): LoadTimeline => ({
  startSecond,
  requests,
  errors: requests.map(() => 1),
  latencyCount: requests,
  latencySumMs: requests.map((count) => count * 10),
  latencyMaxMs,
});

describe('load timeline (per-second buckets)', () => {
  it('buckets settled requests by wall-clock second, with latency sum and max', () => {
    const recorder = new TimelineRecorder();
    recorder.record(10_000, false, 5);
    recorder.record(10_999, true, 7);
    recorder.record(12_100, true, undefined);
    expect(recorder.timeline()).toEqual({
      startSecond: 10,
      requests: [2, 0, 1],
      errors: [1, 0, 1],
      latencyCount: [2, 0, 0],
      latencySumMs: [12, 0, 0],
      latencyMaxMs: [7, 0, 0],
    });
  });

  it('merges workers exactly on one clock: counts and sums add, maxima are the larger', () => {
    const merged = mergeTimelines([timeline(100, [3, 4], [9, 20]), undefined, timeline(101, [5, 6], [30, 1])]);
    expect(merged).toEqual({
      startSecond: 100,
      requests: [3, 9, 6],
      errors: [1, 2, 1],
      latencyCount: [3, 9, 6],
      latencySumMs: [30, 90, 60],
      latencyMaxMs: [9, 30, 1],
    });
    expect(mergeTimelines([undefined])).toBeUndefined();
  });

  describe('in a load run', () => {
    let server: http.Server;
    let origin: string;
    beforeAll(async () => {
      server = http.createServer((_request, response) => response.writeHead(200).end('ok'));
      origin = await listenOnLoopback(server, undefined);
    });
    afterAll(() => closeServer(server));

    it('records every request in the timeline, and merging two workers keeps every request', async () => {
      const spec = {
        requests: [{ name: 'home', method: 'GET' as const, url: `${origin}/` }],
        load: { connections: 2, requests: 30 },
      };
      const [first, second] = await Promise.all([
        runLoad(spec, { allowList: ['127.0.0.1'] }),
        runLoad(spec, { allowList: ['127.0.0.1'] }),
      ]);
      const sum = (values: number[] | undefined) => (values ?? []).reduce((total, value) => total + value, 0);
      expect(sum(first.timeline?.requests)).toBe(30);
      expect(sum(first.timeline?.latencyCount)).toBe(30);
      const merged = mergeLoadResults([first, second]);
      expect(sum(merged.timeline?.requests)).toBe(60);
      expect(Math.max(...(merged.timeline?.latencyMaxMs ?? []))).toBe(
        Math.max(...(first.timeline?.latencyMaxMs ?? []), ...(second.timeline?.latencyMaxMs ?? [])),
      );
    });
  });

  it('charts throughput and latency over time in the HTML report (inline SVG, no script)', () => {
    const html = [
      ...htmlReportChunks(
        {
          id: 'run-1',
          projectId: 'p',
          status: 'passed',
          source: 'execution',
          suiteId: null,
          suiteName: 'Load',
          environmentId: null,
          deploymentId: null,
          commit: null,
          branch: null,
          retries: 0,
          summary: null,
          newFailures: [],
          failureReason: null,
          createdBy: 'u',
          createdAt: '2026-01-01T00:00:00.000Z',
          startedAt: null,
          endedAt: null,
        },
        [
          {
            caseId: 'c',
            name: 'cart under load',
            type: 'performance',
            status: 'passed',
            attempts: 1,
            durationMs: 2000,
            assertions: [],
            flaky: false,
            metrics: { requests: 9, rps: 4.5, errorRate: 0, latency: { p50: 1, p90: 2, p95: 3, p99: 4, max: 5 } },
            load: {
              workers: 1,
              stoppedBy: 'completed',
              statusCounts: { '200': 9 },
              errorsByKind: { status: 0, timeout: 0, network: 0, protocol: 0, response_too_large: 0 },
              lateStarts: 0,
              byRequest: {},
              timeline: timeline(100, [4, 5], [3, 5]),
            },
          },
        ],
      ),
    ].join('');
    expect(html).toMatch(
      /<svg class="timeline"[^>]*aria-label="throughput and latency over 2 s: peak 5 requests\/s, max latency 5\.00 ms"/,
    );
    expect(html).not.toMatch(/<script/i);
  });
});
