import { describe, expect, inject, it } from 'vitest';
import { api, pollUntil, registerAndLogin, type TestUser } from '../support/client.ts';
import { addMember, createProject, importedRun } from '../support/projects.ts';

const apiUrl = inject('apiUrl');

const projectOf = (owner: TestUser) => createProject(apiUrl, owner, 'Tests', 'TC');

const API_CASE = {
  name: 'health answers 200',
  type: 'api',
  tags: ['smoke', 'Health'],
  spec: {
    request: { method: 'GET', url: '{{environment.url}}/health', headers: { accept: 'application/json' } },
    assertions: [
      { type: 'status', equals: 200 },
      { type: 'header', name: 'content-type', matches: '^application/json' },
      { type: 'jsonPath', path: '$.checks[0].status', equals: 'ok' },
      { type: 'jsonSchema', schema: { type: 'object', required: ['status'] } },
      { type: 'latency', maxMs: 500 },
    ],
  },
};

const SCENARIO_CASE = {
  name: 'sign in then read the profile',
  type: 'scenario',
  spec: {
    steps: [
      {
        name: 'login',
        request: { method: 'POST', url: '{{environment.url}}/login', body: { user: '{{vars.user}}' } },
        extract: { token: '$.token', requestId: 'header:x-request-id' },
        assertions: [{ type: 'status', equals: 200 }],
      },
      {
        name: 'profile',
        request: {
          method: 'GET',
          url: '{{environment.url}}/me',
          headers: { authorization: 'Bearer {{vars.token}}' },
        },
        assertions: [{ type: 'jsonPath', path: '$.name', exists: true }],
      },
    ],
  },
};

const PERFORMANCE_CASE = {
  name: 'catalogue under load',
  type: 'performance',
  tags: ['load'],
  spec: {
    request: { method: 'GET', url: 'https://shop.example.com/catalogue' },
    load: { connections: 10, durationSeconds: 5 },
    thresholds: { p95Ms: 200, maxErrorRate: 0.01 },
  },
};

const CI_CASES = [
  { name: 'parses prices', type: 'unit' },
  { name: 'talks to the database', type: 'integration', tags: ['db'] },
  { name: 'checks out a cart', type: 'e2e', spec: {} },
];

function casesPath(projectId: string): string {
  return `/v1/projects/${projectId}/test-cases`;
}

async function createCase(projectId: string, user: TestUser, body: unknown): Promise<{ id: string; version: number }> {
  const response = await api(apiUrl, 'POST', casesPath(projectId), { token: user.accessToken, body });
  expect(response.status, response.text).toBe(201);
  return response.body as { id: string; version: number };
}

describe('test cases', () => {
  it('creates, reads, lists and deletes a case of every type', async () => {
    const owner = await registerAndLogin(apiUrl);
    const projectId = await projectOf(owner);

    const ids: string[] = [];
    for (const body of [API_CASE, SCENARIO_CASE, PERFORMANCE_CASE, ...CI_CASES]) {
      const created = await api(apiUrl, 'POST', casesPath(projectId), { token: owner.accessToken, body });
      expect(created.status, created.text).toBe(201);
      expect(created.headers.get('location')).toBe(`${casesPath(projectId)}/${created.body.id}`);
      expect(created.headers.get('etag')).toBe('"1"');
      expect(created.body).toMatchObject({
        id: expect.stringMatching(/^[0-9a-z]{26}$/),
        projectId,
        name: body.name,
        type: body.type,
        version: 1,
        createdBy: owner.userId,
      });
      const fetched = await api(apiUrl, 'GET', `${casesPath(projectId)}/${created.body.id}`, {
        token: owner.accessToken,
      });
      expect(fetched.status).toBe(200);
      expect(fetched.body).toEqual(created.body);
      ids.push(created.body.id);
    }
    const [api_, , performance, unit] = await Promise.all(
      ids.map(
        async (id) => (await api(apiUrl, 'GET', `${casesPath(projectId)}/${id}`, { token: owner.accessToken })).body,
      ),
    );
    // Tags are normalized to lower case; the spec comes back as it was saved; CI cases hold none.
    expect(api_.tags).toEqual(['smoke', 'health']);
    expect(api_.spec).toEqual(API_CASE.spec);
    expect(performance.spec).toEqual(PERFORMANCE_CASE.spec);
    expect(unit).toMatchObject({ tags: [], spec: {} });

    const listed = await api(apiUrl, 'GET', casesPath(projectId), { token: owner.accessToken });
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((item: { id: string }) => item.id)).toEqual([...ids].reverse());
    expect(listed.body.nextCursor).toBeNull();

    for (const id of ids) {
      expect((await api(apiUrl, 'DELETE', `${casesPath(projectId)}/${id}`, { token: owner.accessToken })).status).toBe(
        204,
      );
      expect((await api(apiUrl, 'GET', `${casesPath(projectId)}/${id}`, { token: owner.accessToken })).status).toBe(
        404,
      );
    }
    const again = await api(apiUrl, 'DELETE', `${casesPath(projectId)}/${ids[0]}`, { token: owner.accessToken });
    expect(again.status).toBe(404);
    expect(again.body).toMatchObject({ code: 'TEST_CASE_NOT_FOUND' });
    const empty = await api(apiUrl, 'GET', casesPath(projectId), { token: owner.accessToken });
    expect(empty.body).toEqual({ items: [], nextCursor: null });
  });

  it('refuses invalid cases with problem+json naming every field, and writes nothing', async () => {
    const owner = await registerAndLogin(apiUrl);
    const projectId = await projectOf(owner);
    const invalid: [unknown, string[]][] = [
      [
        {
          name: 'bad api',
          type: 'api',
          spec: {
            request: { method: 'FETCH', url: 'ftp://example.com' },
            assertions: [{ type: 'status', equals: 999 }, { type: 'jsonPath', path: 'a.b' }, { type: 'latency' }],
          },
        },
        [
          'body.spec.request.method',
          'body.spec.request.url',
          'body.spec.assertions.0.equals',
          'body.spec.assertions.1.path',
          'body.spec.assertions.2.maxMs',
        ],
      ],
      [{ name: 'bad scenario', type: 'scenario', spec: { steps: [] } }, ['body.spec.steps']],
      [
        {
          name: 'bad scenario step',
          type: 'scenario',
          spec: {
            steps: [{ name: 's', request: { method: 'GET', url: 'https://a.example' }, extract: { '1x': '$.a' } }],
          },
        },
        ['body.spec.steps.0.extract.1x'],
      ],
      [
        {
          name: 'bad load',
          type: 'performance',
          spec: {
            request: { method: 'GET', url: 'https://a.example' },
            load: { connections: 0, durationSeconds: 5 },
            thresholds: { maxErrorRate: 2 },
          },
        },
        ['body.spec.load.connections', 'body.spec.thresholds.maxErrorRate'],
      ],
      [{ name: 'unknown type', type: 'manual', spec: {} }, ['body.type']],
      [{ type: 'unit', tags: ['Not A Tag!'] }, ['body.name', 'body.tags.0']],
      [{ name: 'unit with a spec', type: 'unit', spec: { request: {} } }, ['body.spec']],
      [
        {
          name: 'metadata',
          type: 'api',
          spec: { request: { method: 'GET', url: 'http://169.254.169.254/latest/meta-data' }, assertions: [] },
        },
        ['body.spec.request.url'],
      ],
    ];
    for (const [body, paths] of invalid) {
      const response = await api(apiUrl, 'POST', casesPath(projectId), { token: owner.accessToken, body });
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(response.body.code).toBe('VALIDATION_FAILED');
      const reported = (response.body.errors as { path: string }[]).map((error) => error.path);
      for (const path of paths) expect(reported, JSON.stringify(response.body.errors)).toContain(path);
    }
    const listed = await api(apiUrl, 'GET', casesPath(projectId), { token: owner.accessToken });
    expect(listed.body.items).toEqual([]);
  });

  it('filters the list by type and tag, newest first, a page at a time', async () => {
    const owner = await registerAndLogin(apiUrl);
    const projectId = await projectOf(owner);
    const first = await createCase(projectId, owner, { ...API_CASE, name: 'first', tags: ['smoke'] });
    await createCase(projectId, owner, { ...PERFORMANCE_CASE, name: 'second', tags: ['smoke', 'load'] });
    const third = await createCase(projectId, owner, { ...API_CASE, name: 'third', tags: ['checkout'] });
    const fourth = await createCase(projectId, owner, { ...API_CASE, name: 'fourth', tags: ['smoke'] });

    const names = async (query: string) => {
      const response = await api(apiUrl, 'GET', `${casesPath(projectId)}?${query}`, { token: owner.accessToken });
      expect(response.status, response.text).toBe(200);
      return (response.body.items as { name: string }[]).map((item) => item.name);
    };
    expect(await names('type=api')).toEqual(['fourth', 'third', 'first']);
    expect(await names('tag=smoke')).toEqual(['fourth', 'second', 'first']);
    expect(await names('tag=SMOKE&type=api')).toEqual(['fourth', 'first']);
    expect(await names('type=unit')).toEqual([]);

    // Pages of one with a filter: every match once, in order, then no cursor.
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `type=api&limit=1${cursor ? `&cursor=${cursor}` : ''}`;
      const page = await api(apiUrl, 'GET', `${casesPath(projectId)}?${query}`, { token: owner.accessToken });
      expect(page.status).toBe(200);
      seen.push(...page.body.items.map((item: { id: string }) => item.id));
      cursor = page.body.nextCursor;
    } while (cursor && seen.length < 10);
    expect(seen).toEqual([fourth.id, third.id, first.id]);

    const badCursor = await api(apiUrl, 'GET', `${casesPath(projectId)}?cursor=bm90LWEtY3Vyc29y`, {
      token: owner.accessToken,
    });
    expect(badCursor.status).toBe(400);
    const badType = await api(apiUrl, 'GET', `${casesPath(projectId)}?type=manual`, { token: owner.accessToken });
    expect(badType.status).toBe(400);
    expect(badType.body.errors).toEqual([expect.objectContaining({ path: 'query.type' })]);
  });

  it('updates with If-Match, replaces the spec whole, and refuses a change of type', async () => {
    const owner = await registerAndLogin(apiUrl);
    const projectId = await projectOf(owner);
    const { id } = await createCase(projectId, owner, API_CASE);
    const path = `${casesPath(projectId)}/${id}`;

    const retyped = await api(apiUrl, 'PATCH', path, {
      token: owner.accessToken,
      body: { type: 'scenario', spec: SCENARIO_CASE.spec },
    });
    expect(retyped.status).toBe(400);
    expect(retyped.body.errors).toEqual([expect.objectContaining({ path: 'body.type' })]);

    const invalidSpec = await api(apiUrl, 'PATCH', path, {
      token: owner.accessToken,
      body: { type: 'api', spec: { request: { method: 'GET' }, assertions: [] } },
    });
    expect(invalidSpec.status).toBe(400);
    expect(invalidSpec.body.errors).toEqual([expect.objectContaining({ path: 'body.spec.request.url' })]);

    const newSpec = {
      request: { method: 'POST', url: 'https://api.example.com/orders', body: { sku: 'A-1' } },
      assertions: [{ type: 'status', equals: 201 }],
    };
    const updated = await api(apiUrl, 'PATCH', path, {
      token: owner.accessToken,
      headers: { 'if-match': '"1"' },
      body: { type: 'api', name: 'creates an order', tags: null, spec: newSpec },
    });
    expect(updated.status, updated.text).toBe(200);
    expect(updated.headers.get('etag')).toBe('"2"');
    expect(updated.body).toMatchObject({ name: 'creates an order', tags: [], spec: newSpec, version: 2 });

    const stale = await api(apiUrl, 'PATCH', path, {
      token: owner.accessToken,
      headers: { 'if-match': '"1"' },
      body: { type: 'api', name: 'lost update' },
    });
    expect(stale.status).toBe(412);
    expect(stale.body).toMatchObject({ code: 'VERSION_MISMATCH' });

    const fetched = await api(apiUrl, 'GET', path, { token: owner.accessToken });
    expect(fetched.body).toMatchObject({ name: 'creates an order', version: 2 });
    const nothing = await api(apiUrl, 'PATCH', path, { token: owner.accessToken, body: { type: 'api' } });
    expect(nothing.status).toBe(400);
  });

  it('lets a viewer read cases and suites but not change them', async () => {
    const owner = await registerAndLogin(apiUrl);
    const projectId = await projectOf(owner);
    const viewer = await addMember(apiUrl, projectId, owner, 'viewer');
    const developer = await addMember(apiUrl, projectId, owner, 'developer');
    const { id } = await createCase(projectId, developer, API_CASE);

    const create = await api(apiUrl, 'POST', casesPath(projectId), { token: viewer.accessToken, body: API_CASE });
    expect(create.status).toBe(403);
    expect(create.body).toMatchObject({ code: 'INSUFFICIENT_ROLE' });
    const patch = await api(apiUrl, 'PATCH', `${casesPath(projectId)}/${id}`, {
      token: viewer.accessToken,
      body: { type: 'api', name: 'renamed' },
    });
    expect(patch.status).toBe(403);
    const suite = await api(apiUrl, 'POST', `/v1/projects/${projectId}/test-suites`, {
      token: viewer.accessToken,
      body: { name: 'smoke', tags: ['smoke'] },
    });
    expect(suite.status).toBe(403);
    expect((await api(apiUrl, 'GET', `${casesPath(projectId)}/${id}`, { token: viewer.accessToken })).status).toBe(200);
    expect((await api(apiUrl, 'GET', casesPath(projectId), { token: viewer.accessToken })).status).toBe(200);
    expect(
      (await api(apiUrl, 'GET', `${casesPath(projectId)}/${id}/history`, { token: viewer.accessToken })).status,
    ).toBe(200);
    expect(
      (await api(apiUrl, 'GET', `/v1/projects/${projectId}/test-insights`, { token: viewer.accessToken })).status,
    ).toBe(200);
  });

  it("answers 404 for another project's case and suite, and to non-members", async () => {
    const [alice, bob] = await Promise.all([registerAndLogin(apiUrl), registerAndLogin(apiUrl)]);
    const [aliceProject, bobProject] = await Promise.all([projectOf(alice), projectOf(bob)]);
    const { id: caseId } = await createCase(aliceProject, alice, API_CASE);
    const suite = await api(apiUrl, 'POST', `/v1/projects/${aliceProject}/test-suites`, {
      token: alice.accessToken,
      body: { name: 'alice', caseIds: [caseId] },
    });
    expect(suite.status).toBe(201);
    const suiteId = suite.body.id as string;

    for (const [method, path, body] of [
      ['GET', `${casesPath(bobProject)}/${caseId}`, undefined],
      ['PATCH', `${casesPath(bobProject)}/${caseId}`, { type: 'api', name: 'stolen' }],
      ['DELETE', `${casesPath(bobProject)}/${caseId}`, undefined],
      ['GET', `${casesPath(bobProject)}/${caseId}/history`, undefined],
      ['GET', `/v1/projects/${bobProject}/test-suites/${suiteId}`, undefined],
      ['PATCH', `/v1/projects/${bobProject}/test-suites/${suiteId}`, { name: 'stolen' }],
      ['DELETE', `/v1/projects/${bobProject}/test-suites/${suiteId}`, undefined],
    ] as const) {
      const response = await api(apiUrl, method, path, { token: bob.accessToken, body });
      expect(response.status, `${method} ${path}`).toBe(404);
      expect(response.body.code, `${method} ${path}`).toMatch(/^TEST_(CASE|SUITE)_NOT_FOUND$/);
    }
    const foreignSuite = await api(apiUrl, 'POST', `/v1/projects/${bobProject}/test-suites`, {
      token: bob.accessToken,
      body: { name: 'borrowed', caseIds: [caseId] },
    });
    expect(foreignSuite.status).toBe(400);
    expect(foreignSuite.body.errors).toEqual([expect.objectContaining({ path: 'body.caseIds.0' })]);

    for (const path of [
      `${casesPath(aliceProject)}/${caseId}`,
      casesPath(aliceProject),
      `/v1/projects/${aliceProject}/test-suites/${suiteId}`,
      `/v1/projects/${aliceProject}/test-insights`,
    ]) {
      const response = await api(apiUrl, 'GET', path, { token: bob.accessToken });
      expect(response.status, path).toBe(404);
      expect(response.body.code).toBe('PROJECT_NOT_FOUND');
    }
    // Nothing changed on Alice's side.
    const kept = await api(apiUrl, 'GET', `${casesPath(aliceProject)}/${caseId}`, { token: alice.accessToken });
    expect(kept.body).toMatchObject({ name: API_CASE.name, version: 1 });
  });
});

describe('test suites', () => {
  it('holds listed cases and cases selected by tag, resolved when read', async () => {
    const owner = await registerAndLogin(apiUrl);
    const projectId = await projectOf(owner);
    const smokeA = await createCase(projectId, owner, { ...API_CASE, name: 'smoke a', tags: ['smoke'] });
    const listed = await createCase(projectId, owner, { ...API_CASE, name: 'listed', tags: [] });
    const smokeB = await createCase(projectId, owner, {
      ...PERFORMANCE_CASE,
      name: 'smoke b',
      tags: ['load', 'smoke'],
    });
    await createCase(projectId, owner, { ...API_CASE, name: 'elsewhere', tags: ['checkout'] });

    const created = await api(apiUrl, 'POST', `/v1/projects/${projectId}/test-suites`, {
      token: owner.accessToken,
      body: { name: 'Smoke', caseIds: [listed.id, smokeA.id], tags: ['Smoke'] },
    });
    expect(created.status, created.text).toBe(201);
    expect(created.body).toMatchObject({
      name: 'Smoke',
      caseIds: [listed.id, smokeA.id],
      tags: ['smoke'],
      version: 1,
      createdBy: owner.userId,
    });
    const path = `/v1/projects/${projectId}/test-suites/${created.body.id}`;
    expect(created.headers.get('location')).toBe(path);

    const fetched = await api(apiUrl, 'GET', path, { token: owner.accessToken });
    expect(fetched.status).toBe(200);
    // Listed cases in the suite's order, then tagged ones (newest first), each once.
    expect(fetched.body.cases).toEqual([
      { id: listed.id, name: 'listed', type: 'api' },
      { id: smokeA.id, name: 'smoke a', type: 'api' },
      { id: smokeB.id, name: 'smoke b', type: 'performance' },
    ]);

    // A deleted case drops out of the suite; a newly tagged one joins it.
    await api(apiUrl, 'DELETE', `${casesPath(projectId)}/${listed.id}`, { token: owner.accessToken });
    const late = await createCase(projectId, owner, { ...API_CASE, name: 'late', tags: ['smoke'] });
    const resolved = await api(apiUrl, 'GET', path, { token: owner.accessToken });
    expect(resolved.body.cases.map((item: { id: string }) => item.id)).toEqual([smokeA.id, late.id, smokeB.id]);
    expect(resolved.body.caseIds).toEqual([listed.id, smokeA.id]);

    const list = await api(apiUrl, 'GET', `/v1/projects/${projectId}/test-suites`, { token: owner.accessToken });
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual([expect.objectContaining({ id: created.body.id, name: 'Smoke' })]);
    expect(list.body.items[0]).not.toHaveProperty('cases');
  });

  it('updates with If-Match and keeps a suite with caseIds or tags', async () => {
    const owner = await registerAndLogin(apiUrl);
    const projectId = await projectOf(owner);
    const one = await createCase(projectId, owner, { ...API_CASE, tags: [] });
    const created = await api(apiUrl, 'POST', `/v1/projects/${projectId}/test-suites`, {
      token: owner.accessToken,
      body: { name: 'Nightly', tags: ['nightly'] },
    });
    const path = `/v1/projects/${projectId}/test-suites/${created.body.id}`;

    const updated = await api(apiUrl, 'PATCH', path, {
      token: owner.accessToken,
      headers: { 'if-match': '"1"' },
      body: { name: 'Nightly (all)', caseIds: [one.id], tags: null },
    });
    expect(updated.status, updated.text).toBe(200);
    expect(updated.body).toMatchObject({ name: 'Nightly (all)', caseIds: [one.id], tags: [], version: 2 });
    expect(updated.headers.get('etag')).toBe('"2"');

    const stale = await api(apiUrl, 'PATCH', path, {
      token: owner.accessToken,
      headers: { 'if-match': '"1"' },
      body: { name: 'lost' },
    });
    expect(stale.status).toBe(412);

    const emptied = await api(apiUrl, 'PATCH', path, { token: owner.accessToken, body: { caseIds: null } });
    expect(emptied.status).toBe(400);
    expect(emptied.body.code).toBe('VALIDATION_FAILED');

    const missing = '01aaaaaaaaaaaaaaaaaaaaaaaa';
    const unknownCase = await api(apiUrl, 'PATCH', path, {
      token: owner.accessToken,
      body: { caseIds: [one.id, missing] },
    });
    expect(unknownCase.status).toBe(400);
    expect(unknownCase.body.errors).toEqual([expect.objectContaining({ path: 'body.caseIds.1' })]);

    expect((await api(apiUrl, 'GET', path, { token: owner.accessToken })).body).toMatchObject({ version: 2 });
    expect((await api(apiUrl, 'DELETE', path, { token: owner.accessToken })).status).toBe(204);
    expect((await api(apiUrl, 'GET', path, { token: owner.accessToken })).status).toBe(404);
    // Deleting a suite leaves its cases alone.
    expect((await api(apiUrl, 'GET', `${casesPath(projectId)}/${one.id}`, { token: owner.accessToken })).status).toBe(
      200,
    );
  });

  it('refuses a suite naming a case the project does not have, or with neither cases nor tags', async () => {
    const owner = await registerAndLogin(apiUrl);
    const projectId = await projectOf(owner);
    const one = await createCase(projectId, owner, API_CASE);
    const suitesPath = `/v1/projects/${projectId}/test-suites`;

    const missing = await api(apiUrl, 'POST', suitesPath, {
      token: owner.accessToken,
      body: { name: 'broken', caseIds: [one.id, '01aaaaaaaaaaaaaaaaaaaaaaaa', '01bbbbbbbbbbbbbbbbbbbbbbbb'] },
    });
    expect(missing.status).toBe(400);
    expect(missing.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(missing.body.errors.map((error: { path: string }) => error.path)).toEqual([
      'body.caseIds.1',
      'body.caseIds.2',
    ]);

    for (const [body, path] of [
      [{ name: 'empty' }, 'body'],
      [{ name: 'empty lists', caseIds: [], tags: [] }, 'body'],
      [{ name: 'not ids', caseIds: ['nope'] }, 'body.caseIds.0'],
      [{ name: 'twice', caseIds: [one.id, one.id] }, 'body.caseIds'],
      [{ caseIds: [one.id] }, 'body.name'],
    ] as const) {
      const response = await api(apiUrl, 'POST', suitesPath, { token: owner.accessToken, body });
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.body.errors.map((error: { path: string }) => error.path)).toContain(path);
    }
    expect((await api(apiUrl, 'GET', suitesPath, { token: owner.accessToken })).body.items).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// History and insights: results reach a case through runs. These tests create runs with the
// JUnit import route (POST .../test-runs/imports). A run's results are in the run at once;
// the cases an import names and each case's history are written just after, by the consumer
// of 'Test Run Completed', so the tests wait for them.

function junit(
  cases: { classname: string; name: string; outcome: 'passed' | 'failed' | 'errored' | 'skipped'; time: number }[],
) {
  const body = cases
    .map(({ classname, name, outcome, time }) => {
      const child = {
        passed: '',
        failed: '<failure message="expected 2 but was 3" type="AssertionError">at cart.test.js:12</failure>',
        errored: '<error message="connection refused" type="Error">ECONNREFUSED</error>',
        skipped: '<skipped/>',
      }[outcome];
      return `    <testcase classname="${classname}" name="${name}" time="${time}">${child}</testcase>`;
    })
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="ci">
  <testsuite name="cart" tests="${cases.length}">
${body}
  </testsuite>
</testsuites>
`;
}

async function caseNamed(projectId: string, user: TestUser, name: string): Promise<{ id: string; type: string }> {
  return pollUntil(
    async () => {
      const response = await api(apiUrl, 'GET', `${casesPath(projectId)}?type=unit&limit=100`, {
        token: user.accessToken,
      });
      return (response.body.items as { id: string; name: string; type: string }[]).find((item) => item.name === name);
    },
    (found) => found !== undefined,
    { timeoutMs: 20_000, description: `the imported case ${name}` },
  ) as Promise<{ id: string; type: string }>;
}

/** A case's history once it holds `count` results. */
async function historyWith(projectId: string, user: TestUser, caseId: string, count: number) {
  return pollUntil(
    () => api(apiUrl, 'GET', `${casesPath(projectId)}/${caseId}/history`, { token: user.accessToken }),
    (response) => response.status !== 200 || response.body.items.length >= count,
    { timeoutMs: 20_000, description: `${count} results in the history of ${caseId}` },
  );
}

describe('case history and test insights (through JUnit imports)', () => {
  it('attaches imported results to a CI case created by its classname and name', async () => {
    const owner = await registerAndLogin(apiUrl);
    const projectId = await projectOf(owner);
    const created = await api(apiUrl, 'POST', casesPath(projectId), {
      token: owner.accessToken,
      body: { name: 'checks out', type: 'e2e', classname: 'shop.CheckoutFlow', tags: ['e2e'] },
    });
    expect(created.status, created.text).toBe(201);
    expect(created.body).toMatchObject({ type: 'e2e', classname: 'shop.CheckoutFlow' });
    const again = await api(apiUrl, 'POST', casesPath(projectId), {
      token: owner.accessToken,
      body: { name: 'checks out', type: 'unit', classname: 'shop.CheckoutFlow' },
    });
    expect(again.status).toBe(409);

    const run = await importedRun<{ results: { caseId: string; status: string }[] }>(
      apiUrl,
      projectId,
      owner,
      junit([{ classname: 'shop.CheckoutFlow', name: 'checks out', outcome: 'failed', time: 1.5 }]),
      '?suite=e2e',
    );

    expect(run.results).toEqual([expect.objectContaining({ caseId: created.body.id, status: 'failed' })]);
    const history = await historyWith(projectId, owner, created.body.id, 1);
    expect(history.body.items).toEqual([expect.objectContaining({ status: 'failed', durationMs: 1500 })]);
    const listed = await api(apiUrl, 'GET', `${casesPath(projectId)}?limit=100`, { token: owner.accessToken });
    expect(listed.body.items).toEqual([expect.objectContaining({ id: created.body.id, type: 'e2e' })]);
  });

  it('shows a case flaky when it passed and failed on the same commit, with its pass rate', async () => {
    const owner = await registerAndLogin(apiUrl);
    const projectId = await projectOf(owner);
    const stable = { classname: 'shop.CartTest', name: 'adds an item' };
    const wobbly = { classname: 'shop.CartTest', name: 'applies a coupon' };

    const first = await importedRun(
      apiUrl,
      projectId,
      owner,
      junit([
        { ...stable, outcome: 'passed', time: 0.01 },
        { ...wobbly, outcome: 'passed', time: 0.02 },
      ]),
      '?commit=abc1234&branch=main&suite=unit',
    );
    const second = await importedRun(
      apiUrl,
      projectId,
      owner,
      junit([
        { ...stable, outcome: 'passed', time: 0.01 },
        { ...wobbly, outcome: 'failed', time: 0.03 },
      ]),
      '?commit=abc1234&branch=main&suite=unit',
    );

    const wobblyCase = await caseNamed(projectId, owner, wobbly.name);
    expect(wobblyCase.type).toBe('unit');
    const history = await historyWith(projectId, owner, wobblyCase.id, 2);
    expect(history.status, history.text).toBe(200);
    expect(history.body).toMatchObject({ caseId: wobblyCase.id, flaky: true, passRate: 0.5, nextCursor: null });
    expect(history.body.items).toEqual([
      expect.objectContaining({
        runId: second.id,
        status: 'failed',
        commit: 'abc1234',
        branch: 'main',
        durationMs: 30,
      }),
      expect.objectContaining({ runId: first.id, status: 'passed', commit: 'abc1234', branch: 'main', durationMs: 20 }),
    ]);
    expect(history.body.items[0].error).toMatch(/expected 2 but was 3/);

    const stableCase = await caseNamed(projectId, owner, stable.name);
    await historyWith(projectId, owner, stableCase.id, 2);
    const stableHistory = await api(apiUrl, 'GET', `${casesPath(projectId)}/${stableCase.id}/history?limit=1`, {
      token: owner.accessToken,
    });
    expect(stableHistory.body).toMatchObject({ flaky: false, passRate: 1 });
    expect(stableHistory.body.items).toEqual([expect.objectContaining({ runId: second.id, status: 'passed' })]);
    expect(stableHistory.body.nextCursor).toEqual(expect.any(String));
    const older = await api(
      apiUrl,
      'GET',
      `${casesPath(projectId)}/${stableCase.id}/history?limit=1&cursor=${stableHistory.body.nextCursor}`,
      { token: owner.accessToken },
    );
    expect(older.body.items).toEqual([expect.objectContaining({ runId: first.id, status: 'passed' })]);
  });

  it('is not flaky when the outcomes differ across commits; a case without results has an empty history', async () => {
    const owner = await registerAndLogin(apiUrl);
    const projectId = await projectOf(owner);
    const broken = { classname: 'shop.PaymentTest', name: 'refunds' };
    await importedRun(
      apiUrl,
      projectId,
      owner,
      junit([{ ...broken, outcome: 'passed', time: 0.1 }]),
      '?commit=1111111&suite=unit',
    );
    await importedRun(
      apiUrl,
      projectId,
      owner,
      junit([{ ...broken, outcome: 'errored', time: 0.1 }]),
      '?commit=2222222&suite=unit',
    );
    const brokenCase = await caseNamed(projectId, owner, broken.name);
    const history = await historyWith(projectId, owner, brokenCase.id, 2);
    expect(history.body).toMatchObject({ flaky: false, passRate: 0.5 });
    expect(history.body.items.map((item: { status: string }) => item.status)).toEqual(['errored', 'passed']);

    const fresh = await createCase(projectId, owner, API_CASE);
    const none = await api(apiUrl, 'GET', `${casesPath(projectId)}/${fresh.id}/history`, { token: owner.accessToken });
    expect(none.body).toEqual({ caseId: fresh.id, flaky: false, passRate: null, items: [], nextCursor: null });
    const unknown = await api(apiUrl, 'GET', `${casesPath(projectId)}/01aaaaaaaaaaaaaaaaaaaaaaaa/history`, {
      token: owner.accessToken,
    });
    expect(unknown.status).toBe(404);
  });

  it('ranks flakiest, most failed and slowest cases and trends each suite over recent runs', async () => {
    const owner = await registerAndLogin(apiUrl);
    const projectId = await projectOf(owner);
    const steady = { classname: 'shop.CatalogueTest', name: 'lists products' };
    const failing = { classname: 'shop.CatalogueTest', name: 'sorts by price' };
    const slow = { classname: 'shop.SearchTest', name: 'searches the full index' };
    const wobbly = { classname: 'shop.SearchTest', name: 'suggests as you type' };

    const runs = [];
    for (const [query, outcomes] of [
      ['commit=c0ffee1&suite=unit', { failing: 'failed', wobbly: 'passed' }],
      ['commit=c0ffee1&suite=unit', { failing: 'failed', wobbly: 'failed' }],
      ['commit=c0ffee2&suite=unit', { failing: 'errored', wobbly: 'passed' }],
    ] as const) {
      runs.push(
        await importedRun(
          apiUrl,
          projectId,
          owner,
          junit([
            { ...steady, outcome: 'passed', time: 0.005 },
            { ...failing, outcome: outcomes.failing, time: 0.02 },
            { ...slow, outcome: 'passed', time: 2.5 },
            { ...wobbly, outcome: outcomes.wobbly, time: 0.05 },
          ]),
          `?${query}`,
        ),
      );
    }
    const other = await importedRun(
      apiUrl,
      projectId,
      owner,
      junit([{ classname: 'e2e.Checkout', name: 'pays', outcome: 'passed', time: 1 }]),
      '?commit=c0ffee2&suite=e2e',
    );

    const insights = await api(apiUrl, 'GET', `/v1/projects/${projectId}/test-insights?runs=10&limit=3`, {
      token: owner.accessToken,
    });
    expect(insights.status, insights.text).toBe(200);
    const { body } = insights;
    expect(body.window).toMatchObject({ runs: 4 });
    expect(body.mostFailed[0]).toMatchObject({
      name: failing.name,
      type: 'unit',
      failures: 3,
      runs: 3,
      failureRate: 1,
    });
    expect(body.flakiest).toEqual([expect.objectContaining({ name: wobbly.name, flakyRuns: 1, runs: 3 })]);
    expect(body.slowest).toHaveLength(3);
    expect(body.slowest[0]).toMatchObject({ name: slow.name, averageMs: 2500, maxMs: 2500, runs: 3 });
    expect(body.slowest[1]).toMatchObject({ name: 'pays', averageMs: 1000, runs: 1 });

    const trendOf = (runId: string) =>
      body.suiteTrends.find((trend: { points: { runId: string }[] }) =>
        trend.points.some((point) => point.runId === runId),
      );
    const unitTrend = trendOf(runs[0]!.id);
    expect(unitTrend.points.map((point: { runId: string }) => point.runId)).toEqual(runs.map((run) => run.id));
    expect(unitTrend.points.map((point: { passRate: number }) => point.passRate)).toEqual([0.75, 0.5, 0.75]);
    expect(trendOf(other.id).points).toEqual([expect.objectContaining({ runId: other.id, passRate: 1 })]);
    expect(body.suiteTrends).toHaveLength(2);

    // The window is the latest `runs` finished runs.
    const latest = await api(apiUrl, 'GET', `/v1/projects/${projectId}/test-insights?runs=1`, {
      token: owner.accessToken,
    });
    expect(latest.body.window).toMatchObject({ runs: 1 });
    expect(latest.body.suiteTrends).toEqual([
      expect.objectContaining({ points: [expect.objectContaining({ runId: other.id })] }),
    ]);
  });

  it('answers empty insights for a project without runs, and refuses out-of-range windows', async () => {
    const owner = await registerAndLogin(apiUrl);
    const projectId = await projectOf(owner);
    const empty = await api(apiUrl, 'GET', `/v1/projects/${projectId}/test-insights`, { token: owner.accessToken });
    expect(empty.status).toBe(200);
    expect(empty.body).toEqual({
      window: { runs: 0, from: null, to: null },
      flakiest: [],
      mostFailed: [],
      slowest: [],
      suiteTrends: [],
    });
    const tooMany = await api(apiUrl, 'GET', `/v1/projects/${projectId}/test-insights?runs=51`, {
      token: owner.accessToken,
    });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.errors).toEqual([expect.objectContaining({ path: 'query.runs' })]);
  });
});
