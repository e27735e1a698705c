import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { TestRunSummary } from '#shared/schemas/test-runs';
import { api, pollUntil, readPublishedEvents } from '../support/client.ts';
import {
  closedPortUrl,
  createEnvironment,
  createSuite,
  createTestCase,
  finishedRun,
  type OwnedProject,
  ownedProject,
  runReaching,
  startTestRun,
  TargetServer,
} from '../support/test-runs.ts';

const apiUrl = inject('apiUrl');
const dataDir = inject('dataDir');

interface Assertion {
  type: string;
  passed: boolean;
  expected: unknown;
  actual: unknown;
  message: string;
}
interface Result {
  caseId: string;
  name: string;
  type: string;
  status: string;
  attempts: number;
  durationMs: number;
  flaky: boolean;
  assertions: Assertion[];
  load?: { workers: number; statusCounts: Record<string, number> };
  metrics?: {
    requests: number;
    rps: number;
    errorRate: number;
    latency: { p50: number; p90: number; p95: number; p99: number; max: number };
  };
  error?: string;
  details?: string;
}
interface Run {
  id: string;
  status: string;
  suiteId: string | null;
  environmentId: string | null;
  summary: TestRunSummary | null;
  newFailures: { caseId: string; name: string }[];
  results: Result[];
  resultsCursor: string | null;
  failureReason: string | null;
  startedAt: string | null;
  endedAt: string | null;
}

const resultOf = (r: Run, caseId: string): Result => {
  const found = r.results.find((result) => result.caseId === caseId);
  expect(found, `result of ${caseId}`).toBeDefined();
  return found!;
};
const byType = (result: Result, type: string) => result.assertions.filter((assertion) => assertion.type === type);

describe('test runs on the TestRun state machine', () => {
  const target = new TargetServer();
  let p: OwnedProject;
  let environmentId: string;

  beforeAll(async () => {
    await target.start();
    p = await ownedProject('Checkout', 'T');
    environmentId = await createEnvironment(p, target.url);
  });
  afterAll(() => target.stop());

  describe('api and scenario cases', () => {
    it('pass and fail for the right reasons, with every assertion outcome and the run variables and environment URL', async () => {
      // Prepare
      const passing = await createTestCase(p, {
        name: 'user 42 is Ada',
        type: 'api',
        spec: {
          request: { method: 'GET', url: '{{environment.url}}/users/{{vars.userId}}' },
          assertions: [
            { type: 'status', equals: 200 },
            { type: 'header', name: 'X-Version', matches: '^1\\.' },
            { type: 'jsonPath', path: '$.name', equals: 'Ada' },
            { type: 'jsonPath', path: '$.roles', contains: 'dev' },
            {
              type: 'jsonSchema',
              schema: { type: 'object', required: ['id', 'name'], properties: { id: { type: 'integer' } } },
            },
            { type: 'latency', maxMs: 10_000 },
          ],
        },
      });
      const failing = await createTestCase(p, {
        name: 'user 42 is Bob',
        type: 'api',
        spec: {
          request: { method: 'GET', url: '{{environment.url}}/users/42' },
          assertions: [
            { type: 'status', equals: 200 },
            { type: 'jsonPath', path: '$.name', equals: 'Bob' },
            { type: 'jsonPath', path: '$.missing', exists: true },
          ],
        },
      });
      const scenario = await createTestCase(p, {
        name: 'login then me',
        type: 'scenario',
        spec: {
          steps: [
            {
              name: 'login',
              request: { method: 'POST', url: '{{environment.url}}/login', body: { user: 'ada' } },
              extract: { token: '$.token' },
              assertions: [{ type: 'status', equals: 200 }],
            },
            {
              name: 'me',
              request: {
                method: 'GET',
                url: '{{environment.url}}/me',
                headers: { Authorization: 'Bearer {{vars.token}}' },
              },
              assertions: [
                { type: 'status', equals: 200 },
                { type: 'jsonPath', path: '$.name', equals: 'Ada' },
              ],
            },
          ],
        },
      });
      const brokenScenario = await createTestCase(p, {
        name: 'me without login',
        type: 'scenario',
        spec: {
          steps: [
            {
              name: 'me',
              request: { method: 'GET', url: '{{environment.url}}/me' },
              assertions: [{ type: 'status', equals: 200 }],
            },
            { name: 'never sent', request: { method: 'GET', url: '{{environment.url}}/users/42' } },
          ],
        },
      });
      const ciOnly = await createTestCase(p, { name: 'unit test from CI', type: 'unit' });

      // Act
      const r = await finishedRun<Run>(p, {
        caseIds: [passing, failing, scenario, brokenScenario, ciOnly],
        environmentId,
        vars: { userId: '42' },
      });

      // Assess
      expect(r.status).toBe('failed');
      expect(r.summary).toMatchObject({
        total: 5,
        passed: 2,
        failed: 2,
        errored: 0,
        skipped: 1,
        flaky: 0,
        passRate: 0.5,
      });
      expect(r.environmentId).toBe(environmentId);
      expect(r.startedAt).not.toBeNull();
      expect(r.endedAt).not.toBeNull();

      const ok = resultOf(r, passing);
      expect(ok).toMatchObject({ status: 'passed', type: 'api', attempts: 1, flaky: false });
      expect(ok.assertions.map((assertion) => [assertion.type, assertion.passed])).toEqual([
        ['status', true],
        ['header', true],
        ['jsonPath', true],
        ['jsonPath', true],
        ['jsonSchema', true],
        ['latency', true],
      ]);
      expect(byType(ok, 'status')[0]).toMatchObject({ expected: 200, actual: 200 });

      const bad = resultOf(r, failing);
      expect(bad.status).toBe('failed');
      expect(bad.error).toBeUndefined();
      expect(bad.assertions.map((assertion) => assertion.passed)).toEqual([true, false, false]);
      expect(bad.assertions[1]).toMatchObject({ type: 'jsonPath', expected: 'Bob', actual: 'Ada' });

      expect(resultOf(r, scenario)).toMatchObject({ status: 'passed', type: 'scenario' });
      expect(resultOf(r, scenario).assertions.every((assertion) => assertion.passed)).toBe(true);
      const broken = resultOf(r, brokenScenario);
      expect(broken.status).toBe('failed');
      expect(broken.assertions).toHaveLength(1);
      expect(broken.assertions[0]).toMatchObject({ type: 'status', passed: false, expected: 200, actual: 401 });
      expect(broken.assertions[0]?.message).toMatch(/^Step "me"/);

      expect(resultOf(r, ciOnly)).toMatchObject({ status: 'skipped', type: 'unit', attempts: 0 });
    });

    it('errors a case whose target is unreachable, with the reason', async () => {
      // Prepare
      const unreachable = await createTestCase(p, {
        name: 'nothing listens',
        type: 'api',
        spec: {
          request: { method: 'GET', url: `${await closedPortUrl()}/health` },
          assertions: [{ type: 'status', equals: 200 }],
        },
      });

      // Act
      const r = await finishedRun<Run>(p, { caseIds: [unreachable] });

      // Assess
      expect(r.status).toBe('failed');
      expect(r.summary).toMatchObject({ total: 1, errored: 1, passed: 0, failed: 0 });
      const result = resultOf(r, unreachable);
      expect(result.status).toBe('errored');
      expect(result.error).toMatch(/127\.0\.0\.1/);
      expect(result.assertions).toEqual([]);
    });

    it('counts a case that passes only on retry as flaky (attempts 2)', async () => {
      // Prepare
      const flaky = await createTestCase(p, {
        name: 'first call fails',
        type: 'api',
        spec: {
          request: { method: 'GET', url: `{{environment.url}}/flaky/${Math.random().toString(36).slice(2)}` },
          assertions: [{ type: 'status', equals: 200 }],
        },
      });

      // Act
      const r = await finishedRun<Run>(p, { caseIds: [flaky], environmentId, retries: 1 });

      // Assess
      expect(r.status).toBe('passed');
      expect(r.summary).toMatchObject({ total: 1, passed: 1, flaky: 1, passRate: 1 });
      expect(resultOf(r, flaky)).toMatchObject({ status: 'passed', attempts: 2, flaky: true });
    });
  });

  describe('performance cases', () => {
    const slowCase = (thresholds: Record<string, number>, load: Record<string, number>) =>
      createTestCase(p, {
        name: `slow endpoint under load ${Math.random().toString(36).slice(2, 6)}`,
        type: 'performance',
        spec: { request: { method: 'GET', url: '{{environment.url}}/slow' }, load, thresholds },
      });

    it('reports percentiles consistent with the target delay, and fails the p95 threshold once the target slows', async () => {
      // Prepare: 30 connections → two load workers whose histograms are merged.
      const perf = await slowCase({ p95Ms: 100, maxErrorRate: 0 }, { connections: 30, requests: 90 });
      target.delayMs = 20;

      // Act
      const fast = await finishedRun<Run>(p, { caseIds: [perf], environmentId });
      target.delayMs = 120;
      const slow = await finishedRun<Run>(p, { caseIds: [perf], environmentId });
      target.delayMs = 20;

      // Assess: at 20 ms
      const fastResult = resultOf(fast, perf);
      expect(fastResult).toMatchObject({ type: 'performance', attempts: 1 });
      expect(fastResult.metrics?.requests).toBe(90);
      expect(fastResult.metrics?.errorRate).toBe(0);
      expect(fastResult.metrics?.rps).toBeGreaterThan(0);
      const latency = fastResult.metrics!.latency;
      expect(latency.p50).toBeGreaterThanOrEqual(20);
      expect(latency.p95).toBeGreaterThanOrEqual(latency.p50);
      expect(latency.p99).toBeGreaterThanOrEqual(latency.p95);
      expect(latency.max).toBeGreaterThanOrEqual(latency.p99);
      expect(latency.p50).toBeLessThan(5_000);
      expect(fastResult.load).toMatchObject({ workers: 2, statusCounts: { '200': 90 } });
      expect(byType(fastResult, 'maxErrorRate')[0]).toMatchObject({ passed: true, expected: 0, actual: 0 });

      // Assess: at 120 ms the p95 threshold of 100 ms cannot hold.
      const slowResult = resultOf(slow, perf);
      expect(slow.status).toBe('failed');
      expect(slowResult.status).toBe('failed');
      expect(slowResult.metrics!.latency.p50).toBeGreaterThanOrEqual(120);
      const [p95] = byType(slowResult, 'p95Ms');
      expect(p95).toMatchObject({ passed: false, expected: 100 });
      expect(p95!.actual as number).toBeGreaterThanOrEqual(120);
      expect(p95!.message).toMatch(/exceeds/);
    });

    it('errors a performance case whose target is unreachable', async () => {
      // Prepare
      const perf = await createTestCase(p, {
        name: 'load on nothing',
        type: 'performance',
        spec: {
          request: { method: 'GET', url: `${await closedPortUrl()}/` },
          load: { connections: 2, requests: 10 },
          thresholds: { p95Ms: 1000 },
        },
      });

      // Act
      const r = await finishedRun<Run>(p, { caseIds: [perf] });

      // Assess
      const result = resultOf(r, perf);
      expect(result.status).toBe('errored');
      expect(result.error).toMatch(/could not be reached/);
      expect(r.summary).toMatchObject({ errored: 1 });
    });

    it('refuses a run whose performance case targets a private address, before any load is sent', async () => {
      // Prepare: a private address outside the local allow-list (loopback only), which only
      // the run's variables reveal (a literal one is refused when the case is saved).
      const perf = await createTestCase(p, {
        name: 'load on a private network',
        type: 'performance',
        spec: {
          request: { method: 'GET', url: '{{vars.target}}/' },
          load: { connections: 1, requests: 1 },
          thresholds: {},
        },
      });

      // Act
      const refused = await startTestRun(p, { caseIds: [perf], vars: { target: 'http://10.0.0.1' } });

      // Assess: neither allow-listed nor a verified environment's host (the load task checks again)
      expect(refused.status, refused.text).toBe(400);
      expect(refused.body).toMatchObject({
        code: 'LOAD_TARGET_NOT_VERIFIED',
        detail: expect.stringMatching(/10\.0\.0\.1/),
      });
    });
  });

  describe('suites across runs', () => {
    it('lists as new failures only the cases that passed in the previous run of the suite', async () => {
      // Prepare
      const key = Math.random().toString(36).slice(2);
      const toggles = await createTestCase(p, {
        name: 'toggles',
        type: 'api',
        spec: {
          request: { method: 'GET', url: `{{environment.url}}/toggle/${key}` },
          assertions: [{ type: 'status', equals: 200 }],
        },
      });
      const alwaysFails = await createTestCase(p, {
        name: 'always fails',
        type: 'api',
        spec: {
          request: { method: 'GET', url: '{{environment.url}}/nowhere' },
          assertions: [{ type: 'status', equals: 200 }],
        },
      });
      const suiteId = await createSuite(p, [toggles, alwaysFails], 'Nightly');

      // Act
      target.toggles.set(key, 200);
      const first = await finishedRun<Run>(p, { suiteId, environmentId });
      target.toggles.set(key, 503);
      const second = await finishedRun<Run>(p, { suiteId, environmentId });

      // Assess
      expect(first).toMatchObject({ status: 'failed', suiteId, newFailures: [] });
      expect(resultOf(first, toggles).status).toBe('passed');
      expect(second.status).toBe('failed');
      expect(second.newFailures).toEqual([{ caseId: toggles, name: 'toggles' }]);
      expect(second.summary).toMatchObject({ total: 2, failed: 2, passRate: 0 });

      // Assess: the suite filter lists both runs, newest first; the status filter narrows them.
      const listed = await api(apiUrl, 'GET', `/v1/projects/${p.projectId}/test-runs?suiteId=${suiteId}`, {
        token: p.owner.accessToken,
      });
      expect(listed.status, listed.text).toBe(200);
      expect(listed.body.items.map((item: { id: string }) => item.id)).toEqual([second.id, first.id]);
      expect(listed.body.items[0].results).toBeUndefined();
      const failed = await api(
        apiUrl,
        'GET',
        `/v1/projects/${p.projectId}/test-runs?suiteId=${suiteId}&status=passed`,
        { token: p.owner.accessToken },
      );
      expect(failed.body.items).toEqual([]);

      // Assess: the results route pages and filters by status.
      const results = await api(
        apiUrl,
        'GET',
        `/v1/projects/${p.projectId}/test-runs/${second.id}/results?status=failed&limit=1`,
        { token: p.owner.accessToken },
      );
      expect(results.status, results.text).toBe(200);
      expect(results.body.items).toHaveLength(1);
      expect(results.body.nextCursor).toEqual(expect.any(String));
      const next = await api(
        apiUrl,
        'GET',
        `/v1/projects/${p.projectId}/test-runs/${second.id}/results?status=failed&limit=1&cursor=${encodeURIComponent(results.body.nextCursor)}`,
        { token: p.owner.accessToken },
      );
      expect([...results.body.items, ...next.body.items].map((item: Result) => item.caseId).sort()).toEqual(
        [toggles, alwaysFails].sort(),
      );
      const passedOnly = await api(
        apiUrl,
        'GET',
        `/v1/projects/${p.projectId}/test-runs/${second.id}/results?status=passed`,
        { token: p.owner.accessToken },
      );
      expect(passedOnly.body.items).toEqual([]);
    });

    it('counts a case flaky when it passes and fails on the same commit, not across commits', async () => {
      // Prepare
      const key = Math.random().toString(36).slice(2);
      const toggles = await createTestCase(p, {
        name: 'toggles on one commit',
        type: 'api',
        spec: {
          request: { method: 'GET', url: `{{environment.url}}/toggle/${key}` },
          assertions: [{ type: 'status', equals: 200 }],
        },
      });
      const suiteId = await createSuite(p, [toggles], 'Same commit');

      // Act: passes on a1, fails on b2 (a real change), then passes on b2 again (flaky).
      target.toggles.set(key, 200);
      const onA = await finishedRun<Run>(p, { suiteId, environmentId, commit: 'a1a1a1a', branch: 'main' });
      target.toggles.set(key, 503);
      const onB = await finishedRun<Run>(p, { suiteId, environmentId, commit: 'b2b2b2b', branch: 'main' });
      target.toggles.set(key, 200);
      const onBAgain = await finishedRun<Run>(p, { suiteId, environmentId, commit: 'b2b2b2b', branch: 'main' });

      // Assess
      expect(onA).toMatchObject({ commit: 'a1a1a1a', branch: 'main', summary: { flaky: 0 } });
      expect(onB).toMatchObject({ status: 'failed', summary: { flaky: 0 } });
      expect(resultOf(onB, toggles).flaky).toBe(false);
      expect(onBAgain).toMatchObject({ status: 'passed', commit: 'b2b2b2b', summary: { flaky: 1 } });
      expect(resultOf(onBAgain, toggles)).toMatchObject({ status: 'passed', attempts: 1, flaky: true });
    });

    it('announces Test Run Started and Test Run Completed with the summary', async () => {
      // Prepare
      const ok = await createTestCase(p, {
        name: 'ok',
        type: 'api',
        spec: { request: { method: 'GET', url: '{{environment.url}}/users/42' }, assertions: [] },
      });
      const suiteId = await createSuite(p, [ok], 'Smoke');

      // Act
      const r = await finishedRun<Run>(p, { suiteId, environmentId });

      // Assess
      expect(r.status).toBe('passed');
      const events = await pollUntil(
        async () => (await readPublishedEvents(dataDir)).filter((event) => event.detail.data?.runId === r.id),
        (found) => found.length >= 2,
        { description: 'the run events' },
      );
      expect(events.map((event) => event['detail-type'])).toEqual(['Test Run Started', 'Test Run Completed']);
      expect(events[0]?.source).toBe('trellis.tests');
      expect(events[0]?.detail).toMatchObject({
        projectId: p.projectId,
        actor: { userId: p.owner.userId },
        data: { suiteId, environmentId, cases: 1 },
      });
      expect(events[1]?.detail.data).toMatchObject({
        status: 'passed',
        source: 'execution',
        summary: { total: 1, passed: 1 },
        newFailures: 0,
      });
    });
  });

  describe('a run that breaks', () => {
    it('is errored with the reason and announced as Test Run Failed when its suite is gone by the time it starts', async () => {
      // Prepare: a queued run of a suite (as the deployment pipeline's test stage stores one),
      // then the suite is deleted before its execution starts. The handler environment of the
      // local stack is this process's too.
      const { createTestRunRecord, startTestRunExecution } = await import('#shared/testing/runs/commands');
      const ok = await createTestCase(p, { name: 'irrelevant', type: 'unit' });
      const suiteId = await createSuite(p, [ok], 'Doomed');
      const queued = await createTestRunRecord(p.projectId, { suiteId }, p.owner.userId);
      const deleted = await api(apiUrl, 'DELETE', `/v1/projects/${p.projectId}/test-suites/${suiteId}`, {
        token: p.owner.accessToken,
      });
      expect(deleted.status, deleted.text).toBe(204);

      // Act
      await startTestRunExecution(p.projectId, queued.id);
      const r = await runReaching<Run>(p, queued.id);

      // Assess
      expect(r.status).toBe('errored');
      expect(r.summary).toBeNull();
      expect(r.failureReason).toMatch(/suite/i);
      const events = await pollUntil(
        async () => (await readPublishedEvents(dataDir)).filter((event) => event.detail.data?.runId === r.id),
        (found) => found.some((event) => event['detail-type'] === 'Test Run Failed'),
        { description: 'Test Run Failed' },
      );
      expect(events.map((event) => event['detail-type'])).toEqual(['Test Run Failed']);
      expect(events[0]?.detail.data).toMatchObject({ suiteId, reason: r.failureReason });
    });
  });

  describe('the API', () => {
    it('replays an Idempotency-Key and refuses it for another body', async () => {
      // Prepare
      const ok = await createTestCase(p, {
        name: 'idempotent',
        type: 'api',
        spec: { request: { method: 'GET', url: `${target.url}/users/42` }, assertions: [] },
      });
      const key = `run-${Math.random().toString(36).slice(2)}`;

      // Act
      const first = await startTestRun(p, { caseIds: [ok] }, { 'idempotency-key': key });
      const again = await startTestRun(p, { caseIds: [ok] }, { 'idempotency-key': key });
      const other = await startTestRun(p, { caseIds: [ok], retries: 2 }, { 'idempotency-key': key });

      // Assess
      expect(first.status, first.text).toBe(202);
      expect(first.headers.get('location')).toBe(`/v1/projects/${p.projectId}/test-runs/${first.body.id}`);
      expect(again.status).toBe(202);
      expect(again.body.id).toBe(first.body.id);
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      expect(other.status).toBe(409);
      expect(other.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
      await runReaching<Run>(p, first.body.id);
      const listed = await api(apiUrl, 'GET', `/v1/projects/${p.projectId}/test-runs?limit=100`, {
        token: p.owner.accessToken,
      });
      expect(listed.body.items.filter((item: { id: string }) => item.id === first.body.id)).toHaveLength(1);
    });

    it('answers 404 for a missing suite or environment and 400 naming each missing case', async () => {
      // Prepare
      const ok = await createTestCase(p, { name: 'exists', type: 'unit' });
      const ghost = '01hzzzzzzzzzzzzzzzzzzzzzzz';

      // Act
      const noSuite = await startTestRun(p, { suiteId: ghost });
      const noEnvironment = await startTestRun(p, { caseIds: [ok], environmentId: ghost });
      const noCase = await startTestRun(p, { caseIds: [ok, ghost] });

      // Assess
      expect(noSuite.status).toBe(404);
      expect(noSuite.body.code).toBe('TEST_SUITE_NOT_FOUND');
      expect(noEnvironment.status).toBe(404);
      expect(noEnvironment.body.code).toBe('ENVIRONMENT_NOT_FOUND');
      expect(noCase.status).toBe(400);
      expect(noCase.body.errors).toEqual([{ path: 'body.caseIds.1', message: expect.any(String) }]);
    });

    it("answers 404 for another project's run, its results, and for a missing run", async () => {
      // Prepare: a run in p, and a second project of the same owner.
      const ok = await createTestCase(p, { name: 'ci only', type: 'e2e' });
      const r = await finishedRun<Run>(p, { caseIds: [ok] });
      expect(r).toMatchObject({ status: 'passed', summary: { total: 1, skipped: 1, passRate: null } });
      const other = await ownedProject('Checkout', 'T', p.owner);

      // Act
      const crossGet = await api(apiUrl, 'GET', `/v1/projects/${other.projectId}/test-runs/${r.id}`, {
        token: p.owner.accessToken,
      });
      const crossResults = await api(apiUrl, 'GET', `/v1/projects/${other.projectId}/test-runs/${r.id}/results`, {
        token: p.owner.accessToken,
      });
      const crossList = await api(apiUrl, 'GET', `/v1/projects/${other.projectId}/test-runs`, {
        token: p.owner.accessToken,
      });
      const missing = await api(apiUrl, 'GET', `/v1/projects/${p.projectId}/test-runs/01hzzzzzzzzzzzzzzzzzzzzzzz`, {
        token: p.owner.accessToken,
      });

      // Assess
      expect(crossGet.status).toBe(404);
      expect(crossGet.body.code).toBe('TEST_RUN_NOT_FOUND');
      expect(crossResults.status).toBe(404);
      expect(crossList.body.items).toEqual([]);
      expect(missing.status).toBe(404);
    });
  });
});
