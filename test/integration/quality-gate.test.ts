import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { api, pollUntil, readPublishedEvents, registerAndLogin, type TestUser } from '../support/client.ts';
import { addMember, createProject } from '../support/projects.ts';

// The quality gate on the local stack: GET/PUT of a project's gate, an analysis judged by a
// lenient and a strict gate, and a coverage report attached after the analysis completed.

const apiUrl = inject('apiUrl');
const dataDir = inject('dataDir');
let workDir: string;

beforeAll(() => {
  workDir = mkdtempSync(join(tmpdir(), 'trellis-gate-'));
});
afterAll(() => {
  rmSync(workDir, { recursive: true, force: true });
});

/** One function with an `if`: cyclomatic complexity 2 (ESLint's `complexity` counts 1 + the if). */
const SOURCE = [
  'export function sign(value: number): string {', // 1
  '  if (value < 0) {', // 2
  "    return 'negative';", // 3
  '  }', // 4
  "  return 'positive';", // 5
  '}', // 6
  '',
].join('\n');

function archive(name: string): Buffer {
  const root = join(workDir, name);
  mkdirSync(dirname(join(root, 'src/sign.ts')), { recursive: true });
  writeFileSync(join(root, 'src/sign.ts'), SOURCE);
  // A second top-level entry, so the snapshot keeps its `src/` folder (a lone top folder is stripped).
  writeFileSync(join(root, 'README.md'), '# Sign\n');
  const file = join(workDir, `${name}.tar.gz`);
  execFileSync('tar', ['-czf', file, '-C', root, '.']);
  return readFileSync(file);
}

async function putGate(projectId: string, user: TestUser, conditions: unknown[]) {
  return api(apiUrl, 'PUT', `/v1/projects/${projectId}/quality-gate`, {
    token: user.accessToken,
    body: { conditions },
  });
}

/** Uploads the tree as a new analysis and waits for it to end; answers the analysis. */
async function analyse(projectId: string, user: TestUser, commit: string) {
  const bytes = archive(`tree-${commit}`);
  const created = await api(apiUrl, 'POST', `/v1/projects/${projectId}/analyses`, {
    token: user.accessToken,
    body: { commit, branch: 'main', source: { type: 'archive', format: 'tar.gz', contentLength: bytes.length } },
  });
  expect(created.status, created.text).toBe(201);
  const put = await fetch(created.body.url, { method: 'PUT', body: bytes, headers: created.body.headers });
  expect(put.status).toBe(200);
  const ended = await pollUntil(
    () => api(apiUrl, 'GET', `/v1/projects/${projectId}/analyses/${created.body.id}`, { token: user.accessToken }),
    (current) => current.body?.status === 'completed' || current.body?.status === 'failed',
    { timeoutMs: 90_000, intervalMs: 250, description: `analysis ${created.body.id} to end` },
  );
  expect(ended.body.failure).toBeNull();
  return ended.body;
}

/** The bus's events of `type` for which `matches` holds, once there are at least `count` (the archive is written as they are delivered). */
async function eventsOf(type: string, matches: (data: Record<string, unknown>) => boolean, count = 1) {
  return pollUntil(
    async () =>
      (await readPublishedEvents(dataDir)).filter(
        (event) => event['detail-type'] === type && matches(event.detail.data ?? {}),
      ),
    (found) => found.length >= count,
    { timeoutMs: 20_000, description: `${count} ${type} event(s)` },
  );
}

function attachLcov(projectId: string, analysisId: string, user: TestUser, lcov: string | Uint8Array) {
  return api(apiUrl, 'POST', `/v1/projects/${projectId}/analyses/${analysisId}/coverage?format=lcov`, {
    token: user.accessToken,
    rawBody: lcov,
    headers: { 'content-type': 'text/plain' },
  });
}

/** An lcov tracefile as a CI runner writes it (absolute checkout paths) for src/sign.ts. */
function lcovOf(hits: Record<number, number>): string {
  const lines = Object.entries(hits).map(([line, count]) => `DA:${line},${count}`);
  return ['TN:', 'SF:/home/runner/work/app/app/src/sign.ts', ...lines, 'end_of_record', ''].join('\n');
}

describe('quality gate of a project', () => {
  it('answers the default gate until a maintainer sets one; refuses bad gates naming the field', async () => {
    const owner = await registerAndLogin(apiUrl);
    const projectId = await createProject(apiUrl, owner, 'Gate', 'QG');
    const developer = await addMember(apiUrl, projectId, owner, 'developer');
    const maintainer = await addMember(apiUrl, projectId, owner, 'maintainer');

    const initial = await api(apiUrl, 'GET', `/v1/projects/${projectId}/quality-gate`, {
      token: maintainer.accessToken,
    });
    expect(initial.status, initial.text).toBe(200);
    expect(initial.body).toMatchObject({ projectId, isDefault: true });
    expect(initial.body.conditions).toContainEqual({
      metric: 'line_coverage_percent',
      operator: 'gte',
      threshold: 80,
      onNewCode: true,
    });
    const forbidden = await api(apiUrl, 'GET', `/v1/projects/${projectId}/quality-gate`, {
      token: developer.accessToken,
    });
    expect(forbidden.status).toBe(403);

    const conditions = [{ metric: 'max_cognitive_complexity', operator: 'lt', threshold: 20 }];
    const put = await putGate(projectId, maintainer, conditions);
    expect(put.status, put.text).toBe(200);
    expect(put.body).toMatchObject({
      isDefault: false,
      updatedBy: maintainer.userId,
      conditions: [{ ...conditions[0], onNewCode: false }],
    });
    const read = await api(apiUrl, 'GET', `/v1/projects/${projectId}/quality-gate`, { token: owner.accessToken });
    expect(read.body).toEqual(put.body);
    const [updated] = await eventsOf('Quality Gate Updated', (data) =>
      JSON.stringify(data.conditions).includes('max_cognitive_complexity'),
    );
    expect(updated?.detail.projectId).toBe(projectId);

    const bad = [
      [{ metric: 'line_coverage_percent', operator: 'gte', threshold: 120 }],
      [{ metric: 'lines_of_code', operator: 'lt', threshold: 1 }],
      [{ metric: 'dependency_cycles', operator: 'eq', threshold: 0 }],
      [
        { metric: 'dependency_cycles', operator: 'lte', threshold: 0 },
        { metric: 'dependency_cycles', operator: 'lt', threshold: 1 },
      ],
    ];
    for (const candidate of bad) {
      const refused = await putGate(projectId, maintainer, candidate);
      expect(refused.status, refused.text).toBe(400);
      expect(refused.headers.get('content-type')).toContain('application/problem+json');
      expect(refused.body.errors[0].path).toMatch(/^body\.conditions/);
    }
    const unchanged = await api(apiUrl, 'GET', `/v1/projects/${projectId}/quality-gate`, { token: owner.accessToken });
    expect(unchanged.body).toEqual(put.body);
  });

  it('passes an analysis under a lenient gate and fails the same code under a strict one', async () => {
    const owner = await registerAndLogin(apiUrl);
    const projectId = await createProject(apiUrl, owner, 'Strictness', 'QS');
    const lenient = await putGate(projectId, owner, [
      { metric: 'max_cyclomatic_complexity', operator: 'lte', threshold: 10 },
    ]);
    expect(lenient.status, lenient.text).toBe(200);
    const passed = await analyse(projectId, owner, 'a1');
    expect(passed.summary.gate).toEqual({
      status: 'passed',
      conditions: [
        {
          metric: 'max_cyclomatic_complexity',
          operator: 'lte',
          threshold: 10,
          onNewCode: false,
          actual: 2,
          status: 'passed',
        },
      ],
    });

    await putGate(projectId, owner, [{ metric: 'max_cyclomatic_complexity', operator: 'lte', threshold: 1 }]);
    const failed = await analyse(projectId, owner, 'a2');
    expect(failed.status).toBe('completed');
    expect(failed.summary.gate).toMatchObject({ status: 'failed', conditions: [{ actual: 2, status: 'failed' }] });
    const [completed] = await eventsOf('Code Analysis Completed', (data) => data.analysisId === failed.id);
    expect(completed?.detail.data?.summary.gate.status).toBe('failed');
  });

  it('judges a completed analysis again when coverage is attached, and replaces it on a second report', async () => {
    const owner = await registerAndLogin(apiUrl);
    const projectId = await createProject(apiUrl, owner, 'Coverage', 'QC');
    await putGate(projectId, owner, [{ metric: 'line_coverage_percent', operator: 'gte', threshold: 75 }]);
    const analysis = await analyse(projectId, owner, 'c1');
    // No report yet: the gate cannot vouch for coverage.
    expect(analysis.summary.coverage).toBeNull();
    expect(analysis.summary.gate).toMatchObject({ status: 'failed', conditions: [{ status: 'no_value' }] });

    // Lines 1, 2, 3 and 5 instrumented; 3 is never reached: 3 of 4 = 75 %.
    const good = await attachLcov(projectId, analysis.id, owner, lcovOf({ 1: 4, 2: 4, 3: 0, 5: 4 }));
    expect(good.status, good.text).toBe(200);
    expect(good.body).toMatchObject({
      analysisId: analysis.id,
      status: 'completed',
      unmatchedPaths: [],
      coverage: { format: 'lcov', files: 1, coveredLines: 3, instrumentedLines: 4, percentage: 75, newCode: null },
      gate: { status: 'passed', conditions: [{ actual: 75, status: 'passed' }] },
    });
    const judged = await api(apiUrl, 'GET', `/v1/projects/${projectId}/analyses/${analysis.id}`, {
      token: owner.accessToken,
    });
    expect(judged.body.summary.coverage).toEqual(good.body.coverage);
    expect(judged.body.summary.gate.status).toBe('passed');
    const files = await api(apiUrl, 'GET', `/v1/projects/${projectId}/analyses/${analysis.id}/files`, {
      token: owner.accessToken,
    });
    expect(files.body.items).toEqual([
      expect.objectContaining({ path: 'README.md', coveredLines: null, instrumentedLines: null }),
      expect.objectContaining({ path: 'src/sign.ts', coveredLines: 3, instrumentedLines: 4 }),
    ]);

    // A second report replaces the first: 1 of 4 = 25 %, and the gate fails again.
    const worse = await attachLcov(projectId, analysis.id, owner, lcovOf({ 1: 1, 2: 0, 3: 0, 5: 0 }));
    expect(worse.status, worse.text).toBe(200);
    expect(worse.body.coverage).toMatchObject({ coveredLines: 1, instrumentedLines: 4, percentage: 25 });
    expect(worse.body.gate.status).toBe('failed');
    const evaluated = await eventsOf('Code Analysis Gate Evaluated', (data) => data.analysisId === analysis.id, 2);
    expect(evaluated.map((event) => event.detail.data?.gate.status)).toEqual(['passed', 'failed']);
  });

  it('keeps a report attached before the analysis ran (202) and completes with it', async () => {
    const owner = await registerAndLogin(apiUrl);
    const projectId = await createProject(apiUrl, owner, 'Early', 'QE');
    const bytes = archive('tree-early');
    const created = await api(apiUrl, 'POST', `/v1/projects/${projectId}/analyses`, {
      token: owner.accessToken,
      body: {
        commit: 'e1',
        branch: 'main',
        source: { type: 'archive', format: 'tar.gz', contentLength: bytes.length },
      },
    });
    expect(created.status, created.text).toBe(201);

    // Before the upload: the report is kept with its own figures (2 of 4 lines hit), not yet mapped.
    const early = await attachLcov(projectId, created.body.id, owner, lcovOf({ 1: 1, 2: 1, 3: 0, 5: 0 }));
    expect(early.status, early.text).toBe(202);
    expect(early.body).toMatchObject({
      status: 'waiting_for_upload',
      coverage: { files: 1, coveredLines: 2, instrumentedLines: 4, percentage: 50, newCode: null },
      gate: null,
    });
    const put = await fetch(created.body.url, { method: 'PUT', body: bytes, headers: created.body.headers });
    expect(put.status).toBe(200);
    const ended = await pollUntil(
      () => api(apiUrl, 'GET', `/v1/projects/${projectId}/analyses/${created.body.id}`, { token: owner.accessToken }),
      (current) => current.body?.status === 'completed' || current.body?.status === 'failed',
      { timeoutMs: 90_000, intervalMs: 250, description: 'the analysis to end' },
    );
    expect(ended.body.status).toBe('completed');
    expect(ended.body.summary.coverage).toEqual({
      format: 'lcov',
      files: 1,
      coveredLines: 2,
      instrumentedLines: 4,
      percentage: 50,
      newCode: null,
    });
    // The default gate judges new code only, and a first analysis has none: every condition is not applicable.
    expect(ended.body.summary.gate.status).toBe('passed');
    expect(new Set(ended.body.summary.gate.conditions.map((c: { status: string }) => c.status))).toEqual(
      new Set(['not_applicable']),
    );
  });

  it('refuses a report over 5 MB with 413 and an unreadable one with 400 naming the format, keeping the coverage', async () => {
    const owner = await registerAndLogin(apiUrl);
    const projectId = await createProject(apiUrl, owner, 'Limits', 'QL');
    const analysis = await analyse(projectId, owner, 'l1');
    const kept = await attachLcov(projectId, analysis.id, owner, lcovOf({ 1: 1, 2: 1 }));
    expect(kept.status, kept.text).toBe(200);

    // Long comment-like TN lines keep the JSON event small enough for the gateway: the handler answers.
    const line = `TN:${'x'.repeat(1021)}\n`;
    const oversized = line.repeat(Math.ceil((5 * 1024 * 1024 + 1) / line.length));
    const tooLarge = await attachLcov(projectId, analysis.id, owner, oversized);
    expect(tooLarge.status, tooLarge.text.slice(0, 300)).toBe(413);
    expect(tooLarge.headers.get('content-type')).toContain('application/problem+json');

    const unreadable = await api(
      apiUrl,
      'POST',
      `/v1/projects/${projectId}/analyses/${analysis.id}/coverage?format=cobertura`,
      {
        token: owner.accessToken,
        rawBody: '<coverage><packages><class filename="a.ts">',
        headers: { 'content-type': 'application/xml' },
      },
    );
    expect(unreadable.status, unreadable.text).toBe(400);
    expect(unreadable.body).toMatchObject({ code: 'INVALID_COVERAGE_REPORT' });
    expect(unreadable.body.detail).toContain('cobertura');

    const after = await api(apiUrl, 'GET', `/v1/projects/${projectId}/analyses/${analysis.id}`, {
      token: owner.accessToken,
    });
    expect(after.body.summary.coverage).toEqual(kept.body.coverage);
  });
});
