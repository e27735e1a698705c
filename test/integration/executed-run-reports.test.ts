import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { TestRunSummary } from '#shared/schemas/test-runs';
import { importedRun } from '../support/projects.ts';
import {
  closedPortUrl,
  createTestCase,
  finishedRun,
  type OwnedProject,
  ownedProject,
  projectApi,
  TargetServer,
} from '../support/test-runs.ts';

// The reports of a run Trellis executed (test-reports.test.ts covers imported runs): one run
// with a passing, a failing and an errored api case, a skipped unit case and a performance
// case that fails its p95 threshold, against a target on loopback.

const apiUrl = inject('apiUrl');

interface Result {
  caseId: string;
  name: string;
  type: string;
  status: string;
  assertions: { type: string; passed: boolean; message: string }[];
  metrics?: { requests: number; latency: Record<string, number> };
  load?: {
    workers: number;
    stoppedBy: string;
    statusCounts: Record<string, number>;
    errorsByKind: Record<string, number>;
    byRequest: Record<string, { requests: number; errors: number; latency: Record<string, number> }>;
  };
  details?: string;
}
interface Run {
  id: string;
  status: string;
  source: string;
  summary: TestRunSummary | null;
  results: Result[];
}

const NAMES = {
  passing: 'user 42 answers',
  failing: 'user 42 is Bob',
  errored: 'nothing listens',
  skipped: 'unit test from CI',
  performance: 'slow endpoint under load',
};

let p: OwnedProject;
const target = new TargetServer();
let executed: Run;
const ids: Record<keyof typeof NAMES, string> = { passing: '', failing: '', errored: '', skipped: '', performance: '' };

/** The report's link (GET .../report), then the report itself through its presigned URL. */
async function download(format: 'json' | 'junit' | 'html'): Promise<{ contentType: string; text: string }> {
  const link = await projectApi(p, 'GET', `/test-runs/${executed.id}/report?format=${format}`);
  expect(link.status, link.text).toBe(200);
  expect(link.body).toMatchObject({ format, url: expect.stringMatching(/^https?:\/\//) });
  expect(Date.parse(link.body.expiresAt)).toBeGreaterThan(Date.now());
  const response = await fetch(link.body.url);
  expect(response.status).toBe(200);
  return { contentType: response.headers.get('content-type') ?? '', text: await response.text() };
}

beforeAll(async () => {
  await target.start();
  p = await ownedProject('Executed reports', 'XR');
  ids.passing = await createTestCase(p, {
    name: NAMES.passing,
    type: 'api',
    spec: {
      request: { method: 'GET', url: `${target.url}/users/42` },
      assertions: [
        { type: 'status', equals: 200 },
        { type: 'jsonPath', path: '$.name', equals: 'Ada' },
      ],
    },
  });
  ids.failing = await createTestCase(p, {
    name: NAMES.failing,
    type: 'api',
    spec: {
      request: { method: 'GET', url: `${target.url}/users/42` },
      assertions: [{ type: 'jsonPath', path: '$.name', equals: 'Bob' }],
    },
  });
  ids.errored = await createTestCase(p, {
    name: NAMES.errored,
    type: 'api',
    spec: {
      request: { method: 'GET', url: `${await closedPortUrl()}/health` },
      assertions: [{ type: 'status', equals: 200 }],
    },
  });
  ids.skipped = await createTestCase(p, { name: NAMES.skipped, type: 'unit' });
  // 30 connections: two load workers, whose per-request histograms the merge adds up.
  ids.performance = await createTestCase(p, {
    name: NAMES.performance,
    type: 'performance',
    spec: {
      request: { method: 'GET', url: `${target.url}/slow` },
      load: { connections: 30, requests: 60 },
      thresholds: { p95Ms: 1, maxErrorRate: 0 },
    },
  });

  executed = await finishedRun<Run>(p, { caseIds: Object.values(ids) });
});

afterAll(() => target.stop());

describe('reports of an executed run', () => {
  it('ran every case to the outcome the report must show', () => {
    expect(executed).toMatchObject({ status: 'failed', source: 'execution' });
    expect(executed.summary).toMatchObject({ total: 5, passed: 1, failed: 2, errored: 1, skipped: 1, flaky: 0 });
    const statusOf = (caseId: string) => executed.results.find((result) => result.caseId === caseId)?.status;
    expect(Object.fromEntries(Object.entries(ids).map(([key, caseId]) => [key, statusOf(caseId)]))).toEqual({
      passing: 'passed',
      failing: 'failed',
      errored: 'errored',
      skipped: 'skipped',
      performance: 'failed',
    });
  });

  it('links the JSON report: every result, the performance case with its load breakdown and no histogram', async () => {
    const { contentType, text } = await download('json');

    expect(contentType).toMatch(/^application\/json/);
    const report = JSON.parse(text) as Run;
    expect(report).toMatchObject({ id: executed.id, status: 'failed', source: 'execution', summary: executed.summary });
    expect(report.results.map((result) => result.caseId).sort()).toEqual(Object.values(ids).sort());
    const performance = report.results.find((result) => result.caseId === ids.performance)!;
    expect(performance.metrics?.requests).toBe(60);
    expect(performance.details).toBeUndefined();
    expect(performance.load).toMatchObject({
      workers: 2,
      stoppedBy: 'completed',
      statusCounts: { '200': 60 },
      errorsByKind: { status: 0, timeout: 0, network: 0, protocol: 0, response_too_large: 0 },
    });
    const request = performance.load!.byRequest[NAMES.performance]!;
    expect(request).toMatchObject({ requests: 60, errors: 0 });
    // One request: its latency is the case's, merged from both workers.
    expect(request.latency).toEqual(performance.metrics!.latency);
    expect(request.latency.p50).toBeGreaterThanOrEqual(target.delayMs);
    // Histograms stay with the load workers and the merge ("HISTF…" is their base64 prefix).
    expect(text).not.toMatch(/HISTF|"histogram"/);
  });

  it('links a JUnit report that re-imports to the same counts, with thresholds as the failure and metrics as properties', async () => {
    const { contentType, text } = await download('junit');

    expect(contentType).toMatch(/^application\/xml/);
    expect(text).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites /);
    const performance = text.slice(text.indexOf(`name="${NAMES.performance}"`));
    expect(performance).toMatch(/^[^>]*classname="trellis\.performance"/);
    expect(performance).toMatch(
      /<failure message="p95 latency [^"]* exceeds 1 ms">p95Ms: p95 latency [^<]* exceeds 1 ms<\/failure>/,
    );
    expect(performance).toContain(`<property name="request.${NAMES.performance}.requests" value="60"/>`);
    expect(performance).toContain('<property name="workers" value="2"/>');
    expect(performance).toContain('<property name="status.200" value="60"/>');
    expect(text).not.toMatch(/HISTF|byRequest/);

    const again = await importedRun<Run>(apiUrl, p.projectId, p.owner, text, '?suite=executed-reimport');
    expect(again.summary).toMatchObject({ total: 5, passed: 1, failed: 2, errored: 1, skipped: 1 });
    const statuses = (run: Run) => Object.fromEntries(run.results.map((result) => [result.name, result.status]));
    expect(statuses(again)).toEqual(statuses(executed));
  });

  it('links a self-contained HTML page: the summary, failures before passes, an inline latency chart', async () => {
    const { contentType, text } = await download('html');

    expect(contentType).toMatch(/^text\/html/);
    expect(text).toMatch(/^<!doctype html>/);
    for (const [label, count] of [
      ['Total', 5],
      ['Passed', 1],
      ['Failed', 2],
      ['Errored', 1],
      ['Skipped', 1],
    ] as const) {
      expect(text).toContain(`<span class="value">${count}</span><span class="label">${label}</span>`);
    }
    // The failures are detailed in their own section, before the passed case first appears.
    const failures = text.indexOf('<h2>Failures <span class="count">3</span></h2>');
    expect(failures).toBeGreaterThan(0);
    const firstPass = text.indexOf(NAMES.passing);
    for (const name of [NAMES.failing, NAMES.errored, NAMES.performance]) {
      const article = text.indexOf(`</span> ${name}</h3>`, failures);
      expect(article, name).toBeGreaterThan(failures);
      expect(article, name).toBeLessThan(firstPass);
    }
    // The performance case: its percentiles and each request's, as inline SVG.
    const performance = text.slice(text.indexOf('<h2>Performance'));
    expect(performance).toMatch(/<svg class="latency"[^>]*aria-label="latency percentiles: p50 [\d.]+ ms, /);
    expect(performance).toMatch(
      new RegExp(`<svg class="latency requests"[^>]*aria-label="latency by request: ${NAMES.performance}: p50 `),
    );
    expect(text).not.toMatch(/HISTF|byRequest/);
    // Nothing fetched from elsewhere: no script, no element pointing at another host.
    expect(text).not.toMatch(/<script|<link|<img|<iframe/i);
    expect(text).not.toMatch(/<[a-z][^>]*\s(?:src|href)\s*=\s*["']?(?:https?:)?\/\//i);
  });
});
