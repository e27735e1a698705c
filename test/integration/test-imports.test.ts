import { randomBytes } from 'node:crypto';
import { request } from 'node:http';
import { DynamoDBClient, QueryCommand } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, describe, expect, inject, it } from 'vitest';
import type { TestRunSummary } from '#shared/schemas/test-runs';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../scripts/local/aws-env.ts';
import { api, pollUntil, readPublishedEvents, registerAndLogin, type TestUser } from '../support/client.ts';
import { junitFixture } from '../support/junit.ts';
import { addMember, createProject, importJUnit } from '../support/projects.ts';

const apiUrl = inject('apiUrl');
const dynamodb = new DynamoDBClient({
  endpoint: inject('endpoints').dynamodb,
  region: LOCAL_REGION,
  credentials: LOCAL_CREDENTIALS,
});

const s3 = new S3Client({
  endpoint: inject('endpoints').s3,
  region: LOCAL_REGION,
  credentials: LOCAL_CREDENTIALS,
  forcePathStyle: true,
});

afterAll(() => {
  dynamodb.destroy();
  s3.destroy();
});

/**
 * PUTs `announced` bytes of zeros to `url` with `If-None-Match: *`, 64 KiB at a time, until the
 * server answers; answers its status and how much of the body had been sent by then.
 */
function streamedPut(url: string, announced: number): Promise<{ status: number; sentBytes: number }> {
  return new Promise((resolve, reject) => {
    let sentBytes = 0;
    const chunk = Buffer.alloc(64 * 1024);
    const put = request(url, {
      method: 'PUT',
      headers: { 'content-length': announced, 'if-none-match': '*' },
    });
    put.on('response', (response) => {
      resolve({ status: response.statusCode ?? 0, sentBytes });
      response.resume();
      put.destroy();
    });
    put.on('error', (error) => {
      // The server may close the connection after answering; only an error before that counts.
      if (!put.destroyed || sentBytes === 0) reject(error);
    });
    const pump = () => {
      while (!put.destroyed && sentBytes < announced) {
        sentBytes += chunk.length;
        if (!put.write(chunk)) {
          put.once('drain', pump);
          return;
        }
      }
      if (!put.destroyed) put.end();
    };
    pump();
  });
}

/** Waits until the local EventBridge has delivered everything published so far (and its retries). */
async function eventDeliveriesSettled(): Promise<void> {
  const response = await fetch(`${inject('endpoints').eventbridge}/_local/drain`, { method: 'POST' });
  expect(response.status).toBe(200);
}

const projectOf = (owner: TestUser) => createProject(apiUrl, owner, 'Imports', 'IM');

type Counts = Omit<TestRunSummary, 'passRate' | 'durationMs'>;

/**
 * What each producer's report holds, counted by hand from each <testcase>'s child element
 * (none → passed), never from the suite attributes (lying-counts.xml claims 120 tests).
 */
const PRODUCERS: { file: string; counts: Counts }[] = [
  { file: 'maven-surefire.xml', counts: { total: 5, passed: 2, failed: 1, errored: 1, skipped: 1, flaky: 1 } },
  { file: 'pytest.xml', counts: { total: 7, passed: 2, failed: 2, errored: 1, skipped: 2, flaky: 0 } },
  { file: 'jest-junit.xml', counts: { total: 4, passed: 1, failed: 1, errored: 1, skipped: 1, flaky: 0 } },
  { file: 'vitest.xml', counts: { total: 4, passed: 2, failed: 1, errored: 0, skipped: 1, flaky: 0 } },
  { file: 'go-junit-report.xml', counts: { total: 5, passed: 1, failed: 2, errored: 1, skipped: 1, flaky: 0 } },
  { file: 'gradle-junit5.xml', counts: { total: 4, passed: 2, failed: 1, errored: 0, skipped: 1, flaky: 0 } },
  { file: 'phpunit-nested.xml', counts: { total: 5, passed: 2, failed: 1, errored: 1, skipped: 1, flaky: 0 } },
  { file: 'lying-counts.xml', counts: { total: 5, passed: 3, failed: 1, errored: 0, skipped: 1, flaky: 0 } },
];

const MALFORMED: { file: string; line: number; column: number; reason: RegExp }[] = [
  { file: 'malformed-truncated.xml', line: 21, column: 28, reason: /ends before <system-out>/ },
  { file: 'malformed-mismatched-tag.xml', line: 7, column: 13, reason: /mismatched closing tag/ },
  { file: 'malformed-doctype-entities.xml', line: 13, column: 2, reason: /DOCTYPE declarations are not allowed/ },
];

function statusCounts(results: { status: string; flaky: boolean }[]): Counts {
  const count = (status: string) => results.filter((result) => result.status === status).length;
  return {
    total: results.length,
    passed: count('passed'),
    failed: count('failed'),
    errored: count('errored'),
    skipped: count('skipped'),
    flaky: results.filter((result) => result.flaky).length,
  };
}

describe('POST /v1/projects/{projectId}/test-runs/imports', () => {
  it.each(PRODUCERS)('imports $file with one result per <testcase>, counted by its child', async ({ file, counts }) => {
    // Prepare
    const owner = await registerAndLogin(apiUrl);
    const projectId = await projectOf(owner);
    const xml = junitFixture(file);

    // Act
    const response = await importJUnit(apiUrl, projectId, owner, xml, {
      query: '?commit=4f2a9c1&branch=main&suite=ci-unit',
    });

    // Assess
    expect(response.status).toBe(201);
    const run = response.body;
    expect(response.headers.get('location')).toBe(`/v1/projects/${projectId}/test-runs/${run.id}`);
    expect(run).toMatchObject({
      projectId,
      source: 'import',
      status: counts.failed + counts.errored > 0 ? 'failed' : 'passed',
      suiteId: null,
      suiteName: 'ci-unit',
      commit: '4f2a9c1',
      branch: 'main',
      createdBy: owner.userId,
      resultsCursor: null,
    });
    expect(run.summary).toMatchObject(counts);
    expect(run.results).toHaveLength((xml.match(/<testcase\b/g) ?? []).length);
    expect(statusCounts(run.results)).toEqual(counts);
    const fetched = await api(apiUrl, 'GET', `/v1/projects/${projectId}/test-runs/${run.id}`, {
      token: owner.accessToken,
    });
    expect(fetched.status).toBe(200);
    expect(fetched.body.summary).toEqual(run.summary);
  });

  it('keeps what the report says about each case: classname, suite path, message, details, output, retries', async () => {
    const owner = await registerAndLogin(apiUrl);
    const projectId = await projectOf(owner);

    const response = await importJUnit(apiUrl, projectId, owner, junitFixture('maven-surefire.xml'));

    expect(response.status).toBe(201);
    const byName = new Map(response.body.results.map((result: { name: string }) => [result.name, result]));
    expect(byName.get('appliesPercentageDiscount')).toMatchObject({
      type: 'unit',
      status: 'failed',
      attempts: 3,
      flaky: false,
      durationMs: 45,
      classname: 'com.acme.shop.CartServiceTest',
      suitePath: 'com.acme.shop.CartServiceTest',
      message: 'expected: <90.00> but was: <100.00>',
      details: expect.stringContaining('CartServiceTest.java:58'),
      systemOut: expect.stringContaining('Applying discount SPRING10 to cart 42'),
      assertions: [],
    });
    expect(byName.get('syncsInventory')).toMatchObject({ status: 'passed', attempts: 3, flaky: true });
    expect(byName.get('loadsCartFromDatabase')).toMatchObject({ status: 'errored', systemErr: expect.any(String) });
    // The whole report's time, not the time the import took.
    expect(response.body.summary.durationMs).toBe(1_022_341);
  });

  it('files the run under its suite: without ?suite= it is the "default" import suite', async () => {
    const owner = await registerAndLogin(apiUrl);
    const projectId = await projectOf(owner);

    const response = await importJUnit(apiUrl, projectId, owner, junitFixture('vitest.xml'));

    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ suiteName: null, commit: null, branch: null });
  });

  it.each(MALFORMED)('answers $file with 400 and the parse position, writing nothing', async (malformed) => {
    // Prepare
    const owner = await registerAndLogin(apiUrl);
    const projectId = await projectOf(owner);

    // Act
    const response = await importJUnit(apiUrl, projectId, owner, junitFixture(malformed.file));

    // Assess
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(response.body).toMatchObject({ status: 400, code: 'INVALID_JUNIT_REPORT' });
    expect(response.body.detail).toMatch(new RegExp(`^Line ${malformed.line}, column ${malformed.column}: `));
    expect(response.body.detail).toMatch(malformed.reason);
    const runs = await api(apiUrl, 'GET', `/v1/projects/${projectId}/test-runs`, { token: owner.accessToken });
    expect(runs.body.items).toEqual([]);
    const cases = await api(apiUrl, 'GET', `/v1/projects/${projectId}/test-cases`, { token: owner.accessToken });
    expect(cases.body.items).toEqual([]);
  });

  it('matches cases by classname + name: a second import of the same report creates no case', async () => {
    // Prepare
    const owner = await registerAndLogin(apiUrl);
    const projectId = await projectOf(owner);
    const listCases = () =>
      api(apiUrl, 'GET', `/v1/projects/${projectId}/test-cases?limit=100`, { token: owner.accessToken });
    const first = await importJUnit(apiUrl, projectId, owner, junitFixture('pytest.xml'), { query: '?commit=aaa111' });
    // The cases a report names are created right after its run completes ('Test Run Completed').
    await eventDeliveriesSettled();
    const casesAfterFirst = await listCases();

    // Act
    const second = await importJUnit(apiUrl, projectId, owner, junitFixture('pytest.xml'), { query: '?commit=bbb222' });
    await eventDeliveriesSettled();
    const casesAfterSecond = await listCases();

    // Assess
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    const caseIds = (run: { results: { caseId: string }[] }) => run.results.map((result) => result.caseId).sort();
    expect(caseIds(second.body)).toEqual(caseIds(first.body));
    expect(new Set(caseIds(first.body)).size).toBe(7);
    const ids = (response: { body: { items: { id: string }[] } }) => response.body.items.map((c) => c.id).sort();
    expect(ids(casesAfterFirst)).toEqual(caseIds(first.body));
    expect(ids(casesAfterSecond)).toEqual(ids(casesAfterFirst));
    expect(casesAfterSecond.body.items[0]).toMatchObject({ type: 'unit', tags: [] });
    const testTotal = casesAfterSecond.body.items.find((c: { name: string }) => c.name === 'test_total');
    expect(testTotal).toMatchObject({ classname: 'tests.test_cart' });
  });

  it('gives the results and the cases it creates the type the import names (?type=e2e)', async () => {
    const owner = await registerAndLogin(apiUrl);
    const projectId = await projectOf(owner);

    const imported = await importJUnit(apiUrl, projectId, owner, junitFixture('pytest.xml'), {
      query: '?type=e2e&suite=browser',
    });
    await eventDeliveriesSettled();
    const cases = await api(apiUrl, 'GET', `/v1/projects/${projectId}/test-cases?limit=100`, {
      token: owner.accessToken,
    });

    expect(imported.status, imported.text).toBe(201);
    const results = imported.body.results as { type: string }[];
    expect(new Set(results.map((result) => result.type))).toEqual(new Set(['e2e']));
    expect(cases.body.items).toHaveLength(results.length);
    expect(new Set(cases.body.items.map((item: { type: string }) => item.type))).toEqual(new Set(['e2e']));
    const unknownType = await importJUnit(apiUrl, projectId, owner, junitFixture('pytest.xml'), {
      query: '?type=performance',
    });
    expect(unknownType.status).toBe(400);
  });

  it('counts a repeated classname + name as one result each, under cases of their own', async () => {
    const owner = await registerAndLogin(apiUrl);
    const projectId = await projectOf(owner);
    const xml = `<testsuite name="s">
      <testcase classname="cart" name="adds an item"/>
      <testcase classname="cart" name="adds an item"><failure message="boom"/></testcase>
    </testsuite>`;

    const first = await importJUnit(apiUrl, projectId, owner, xml);
    const again = await importJUnit(apiUrl, projectId, owner, xml);

    expect(first.status).toBe(201);
    expect(first.body.summary).toMatchObject({ total: 2, passed: 1, failed: 1 });
    expect(first.body.results.map((result: { name: string }) => result.name).sort()).toEqual([
      'adds an item',
      'adds an item [#2]',
    ]);
    expect(again.body.results.map((result: { caseId: string }) => result.caseId).sort()).toEqual(
      first.body.results.map((result: { caseId: string }) => result.caseId).sort(),
    );
  });

  it('marks new failures and same-commit contradictions across imports of the same suite', async () => {
    const owner = await registerAndLogin(apiUrl);
    const projectId = await projectOf(owner);
    const report = (outcome: string) =>
      `<testsuite name="s"><testcase classname="cart" name="adds an item">${outcome}</testcase><testcase classname="cart" name="totals"/></testsuite>`;

    const passing = await importJUnit(apiUrl, projectId, owner, report(''), { query: '?suite=unit&commit=c0ffee1' });
    const failing = await importJUnit(apiUrl, projectId, owner, report('<failure message="x"/>'), {
      query: '?suite=unit&commit=c0ffee1',
    });

    expect(passing.status).toBe(201);
    expect(failing.status).toBe(201);
    const failed = failing.body.results.find((result: { name: string }) => result.name === 'adds an item');
    expect(failing.body.newFailures).toEqual([{ caseId: failed.caseId, name: 'adds an item' }]);
    // Passed and failed on the same commit: flaky.
    expect(failed).toMatchObject({ status: 'failed', flaky: true });
    expect(failing.body.summary).toMatchObject({ failed: 1, flaky: 1 });
  });

  it('refuses a body that is not XML by its Content-Type with 415, and a missing body with 400', async () => {
    const owner = await registerAndLogin(apiUrl);
    const projectId = await projectOf(owner);

    const json = await importJUnit(apiUrl, projectId, owner, JSON.stringify({ cases: [] }), {
      contentType: 'application/json',
    });
    const none = await api(apiUrl, 'POST', `/v1/projects/${projectId}/test-runs/imports`, {
      token: owner.accessToken,
      headers: { 'content-type': 'application/xml' },
    });
    const textXml = await importJUnit(apiUrl, projectId, owner, junitFixture('vitest.xml'), {
      contentType: 'text/xml; charset=utf-8',
    });

    expect(json.status).toBe(415);
    expect(json.headers.get('content-type')).toBe('application/problem+json');
    expect(json.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(none.status).toBe(400);
    expect(none.body.errors).toEqual([{ path: 'body', message: 'required' }]);
    expect(textXml.status).toBe(201);
  });

  it('needs the developer role to import, and answers 404 outside the project', async () => {
    const owner = await registerAndLogin(apiUrl);
    const projectId = await projectOf(owner);
    const viewer = await addMember(apiUrl, projectId, owner, 'viewer');
    const developer = await addMember(apiUrl, projectId, owner, 'developer');
    const stranger = await registerAndLogin(apiUrl);
    const xml = junitFixture('vitest.xml');

    expect((await importJUnit(apiUrl, projectId, viewer, xml)).status).toBe(403);
    expect((await importJUnit(apiUrl, projectId, stranger, xml)).status).toBe(404);
    expect((await importJUnit(apiUrl, projectId, developer, xml)).status).toBe(201);
  });

  it('refuses a body over 5 MB with 413, pointing at the upload route', async () => {
    const owner = await registerAndLogin(apiUrl);
    const projectId = await projectOf(owner);
    const padding = 'x'.repeat(5 * 1024 * 1024);
    const xml = `<testsuite name="s"><testcase classname="c" name="n"><system-out>${padding}</system-out></testcase></testsuite>`;

    const response = await importJUnit(apiUrl, projectId, owner, xml);

    expect(response.status).toBe(413);
    expect(response.body.detail).toMatch(/imports\/uploads/);
  });
});

describe('POST .../test-runs/imports with an Idempotency-Key (CI retrying an upload)', () => {
  const importWithKey = (projectId: string, user: TestUser, xml: string, key: string, query = '') =>
    api(apiUrl, 'POST', `/v1/projects/${projectId}/test-runs/imports${query}`, {
      token: user.accessToken,
      rawBody: xml,
      headers: { 'content-type': 'application/xml', 'idempotency-key': key },
    });
  const runsOf = async (projectId: string, user: TestUser) =>
    (await api(apiUrl, 'GET', `/v1/projects/${projectId}/test-runs`, { token: user.accessToken })).body.items as {
      id: string;
    }[];

  it('answers the same key and report with the run the first request created, without a second run', async () => {
    // Prepare
    const owner = await registerAndLogin(apiUrl);
    const projectId = await projectOf(owner);
    const xml = junitFixture('pytest.xml');
    const first = await importWithKey(projectId, owner, xml, 'ci-build-4711', '?commit=4f2a9c1');

    // Act
    const retried = await importWithKey(projectId, owner, xml, 'ci-build-4711', '?commit=4f2a9c1');

    // Assess
    expect(first.status).toBe(201);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    expect(retried.status).toBe(201);
    expect(retried.headers.get('idempotent-replayed')).toBe('true');
    expect(retried.headers.get('location')).toBe(`/v1/projects/${projectId}/test-runs/${first.body.id}`);
    expect(retried.body).toEqual(first.body);
    expect((await runsOf(projectId, owner)).map((run) => run.id)).toEqual([first.body.id]);
    // Announced once: the replay finds the run announced already.
    const completed = (await readPublishedEvents(inject('dataDir'))).filter(
      (event) => event['detail-type'] === 'Test Run Completed' && event.detail.data?.runId === first.body.id,
    );
    expect(completed).toHaveLength(1);
  });

  it('answers 409 IDEMPOTENCY_KEY_REUSED for the same key with another report or other labels', async () => {
    // Prepare
    const owner = await registerAndLogin(apiUrl);
    const projectId = await projectOf(owner);
    const first = await importWithKey(projectId, owner, junitFixture('pytest.xml'), 'ci-build-1', '?commit=aaa111');

    // Act
    const otherReport = await importWithKey(
      projectId,
      owner,
      junitFixture('vitest.xml'),
      'ci-build-1',
      '?commit=aaa111',
    );
    const otherCommit = await importWithKey(
      projectId,
      owner,
      junitFixture('pytest.xml'),
      'ci-build-1',
      '?commit=bbb222',
    );

    // Assess
    expect(first.status).toBe(201);
    for (const response of [otherReport, otherCommit]) {
      expect(response.status).toBe(409);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
      expect(response.body).toMatchObject({ status: 409, code: 'IDEMPOTENCY_KEY_REUSED' });
    }
    expect((await runsOf(projectId, owner)).map((run) => run.id)).toEqual([first.body.id]);
  });

  it('creates one run when two requests with the same key race', async () => {
    const owner = await registerAndLogin(apiUrl);
    const projectId = await projectOf(owner);
    const xml = junitFixture('maven-surefire.xml');

    const responses = await Promise.all([
      importWithKey(projectId, owner, xml, 'racing-key'),
      importWithKey(projectId, owner, xml, 'racing-key'),
    ]);

    expect(responses.map((response) => response.status)).toEqual([201, 201]);
    expect(responses[0]!.body.id).toBe(responses[1]!.body.id);
    expect((await runsOf(projectId, owner)).map((run) => run.id)).toEqual([responses[0]!.body.id]);
  });

  it('keeps keys apart: another key imports again, and the same key in another project is its own', async () => {
    const owner = await registerAndLogin(apiUrl);
    const projectId = await projectOf(owner);
    const otherProject = await projectOf(owner);
    const xml = junitFixture('vitest.xml');

    const first = await importWithKey(projectId, owner, xml, 'key-a');
    const second = await importWithKey(projectId, owner, xml, 'key-b');
    const elsewhere = await importWithKey(otherProject, owner, xml, 'key-a');

    expect([first.status, second.status, elsewhere.status]).toEqual([201, 201, 201]);
    expect(new Set([first.body.id, second.body.id, elsewhere.body.id]).size).toBe(3);
    expect(elsewhere.headers.get('idempotent-replayed')).toBeNull();
  });

  it('keeps two users apart: the same key from another member is their own run, and each retry replays its own', async () => {
    // Prepare
    const owner = await registerAndLogin(apiUrl);
    const projectId = await projectOf(owner);
    const developer = await addMember(apiUrl, projectId, owner, 'developer');
    const xml = junitFixture('vitest.xml');

    // Act
    const ownersRun = await importWithKey(projectId, owner, xml, 'build-1');
    const developersRun = await importWithKey(projectId, developer, xml, 'build-1');
    const ownerRetries = await importWithKey(projectId, owner, xml, 'build-1');
    const developerRetries = await importWithKey(projectId, developer, xml, 'build-1');

    // Assess
    expect([ownersRun.status, developersRun.status]).toEqual([201, 201]);
    expect(developersRun.headers.get('idempotent-replayed')).toBeNull();
    expect(developersRun.body.id).not.toBe(ownersRun.body.id);
    expect(ownerRetries.headers.get('idempotent-replayed')).toBe('true');
    expect(ownerRetries.body.id).toBe(ownersRun.body.id);
    expect(developerRetries.headers.get('idempotent-replayed')).toBe('true');
    expect(developerRetries.body.id).toBe(developersRun.body.id);
    expect((await runsOf(projectId, owner)).map((run) => run.id).sort()).toEqual(
      [ownersRun.body.id, developersRun.body.id].sort(),
    );
  });

  it('refuses a malformed key with 400, writing nothing', async () => {
    const owner = await registerAndLogin(apiUrl);
    const projectId = await projectOf(owner);

    const response = await importWithKey(projectId, owner, junitFixture('vitest.xml'), 'not a key!');

    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([
      { path: 'header.idempotency-key', message: 'must be 1-128 letters, digits or . _ : -' },
    ]);
    expect(await runsOf(projectId, owner)).toEqual([]);
  });
});

describe('GET .../test-runs/{runId}/results of a run sealed in several chunks', () => {
  /** 150 cases with 8 KB of output each that gzip cannot shrink: about 1 MB sealed, several chunks. */
  function bulkyReport(): string {
    const cases = Array.from({ length: 150 }, (_, i) => {
      const outcome = i % 4 === 0 ? '<failure message="nope"/>' : i % 10 === 3 ? '<skipped/>' : '';
      const output = randomBytes(6_000).toString('base64');
      return `<testcase classname="bulk.Suite" name="case ${String(i).padStart(3, '0')}">${outcome}<system-out>${output}</system-out></testcase>`;
    });
    return `<testsuite name="bulk">${cases.join('\n')}</testsuite>`;
  }

  const offsetCursor = (offset: number) => Buffer.from(JSON.stringify({ offset })).toString('base64url');

  it('answers any page, deep or filtered by status, as a slice of the whole ordered list', async () => {
    // Prepare
    const owner = await registerAndLogin(apiUrl);
    const projectId = await projectOf(owner);
    const imported = await importJUnit(apiUrl, projectId, owner, bulkyReport());
    expect(imported.status, imported.text).toBe(201);
    const runId = imported.body.id as string;
    const results = (query: string) =>
      api(apiUrl, 'GET', `/v1/projects/${projectId}/test-runs/${runId}/results${query}`, { token: owner.accessToken });
    const names = (response: { body: { items: { name: string }[] } }) =>
      response.body.items.map((result) => result.name);
    const all = await results('?limit=500');
    const chunks = await dynamodb.send(
      new QueryCommand({
        TableName: inject('resources').tableName,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :chunk)',
        ExpressionAttributeValues: { ':pk': { S: `TESTRUN#${runId}` }, ':chunk': { S: 'RESULTS#' } },
        ProjectionExpression: 'SK, resultCount, statusCounts',
      }),
    );

    // Act
    const deep = await results(`?limit=7&cursor=${offsetCursor(120)}`);
    const last = await results(`?limit=7&cursor=${offsetCursor(147)}`);
    const failedDeep = await results(`?status=failed&limit=5&cursor=${offsetCursor(30)}`);
    const walked: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await results(`?status=passed&limit=13${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.status).toBe(200);
      walked.push(...names(page));
      cursor = page.body.nextCursor;
    } while (cursor);

    // Assess
    expect(chunks.Items?.length).toBeGreaterThanOrEqual(3);
    expect(chunks.Items?.reduce((sum, chunk) => sum + Number(chunk.resultCount?.N), 0)).toBe(150);
    expect(imported.body.results).toHaveLength(100);
    expect(imported.body.results.map((result: { name: string }) => result.name)).toEqual(names(all).slice(0, 100));
    expect(names(all)).toHaveLength(150);
    expect(all.body.nextCursor).toBeNull();
    const byStatus = (status: string) =>
      all.body.items
        .filter((result: { status: string }) => result.status === status)
        .map((r: { name: string }) => r.name);
    expect(names(deep)).toEqual(names(all).slice(120, 127));
    expect(deep.body.nextCursor).toBe(offsetCursor(127));
    expect(names(last)).toEqual(names(all).slice(147));
    expect(last.body.nextCursor).toBeNull();
    expect(names(failedDeep)).toEqual(byStatus('failed').slice(30, 35));
    expect(failedDeep.body.items.every((result: { status: string }) => result.status === 'failed')).toBe(true);
    expect(walked).toEqual(byStatus('passed'));
    expect(walked).toHaveLength(imported.body.summary.passed);
  });
});

describe('uploaded imports: POST .../test-runs/imports/uploads, PUT to S3, GET .../imports/{importId}', () => {
  async function upload(projectId: string, user: TestUser, body: Record<string, unknown>) {
    const response = await api(apiUrl, 'POST', `/v1/projects/${projectId}/test-runs/imports/uploads`, {
      token: user.accessToken,
      body,
    });
    expect(response.status).toBe(201);
    return response.body as {
      id: string;
      url: string;
      expiresAt: string;
      headers: Record<string, string>;
    };
  }

  /** PUTs a report to the presigned URL with the header its signature covers (fetch sets Content-Length). */
  const putReport = (created: { url: string }, body: string | Buffer, headers = { 'if-none-match': '*' }) =>
    fetch(created.url, { method: 'PUT', body, headers });

  async function importStatus(projectId: string, user: TestUser, importId: string) {
    return api(apiUrl, 'GET', `/v1/projects/${projectId}/test-runs/imports/${importId}`, { token: user.accessToken });
  }

  async function settled(projectId: string, user: TestUser, importId: string) {
    const response = await pollUntil(
      () => importStatus(projectId, user, importId),
      (current) => current.body?.status === 'completed' || current.body?.status === 'failed',
      { timeoutMs: 45_000, description: `import ${importId} to finish` },
    );
    return response.body;
  }

  it('imports a report uploaded to the presigned URL, streamed from S3', async () => {
    // Prepare
    const owner = await registerAndLogin(apiUrl);
    const projectId = await projectOf(owner);
    const xml = junitFixture('phpunit-nested.xml');
    const created = await upload(projectId, owner, {
      suite: 'nightly',
      commit: '9e8d7c6',
      branch: 'release/1.2',
      contentLength: Buffer.byteLength(xml),
    });
    const waiting = await importStatus(projectId, owner, created.id);

    // Act
    const put = await putReport(created, xml);
    const done = await settled(projectId, owner, created.id);

    // Assess
    expect(created.id).toMatch(/^[0-9a-z]{26}$/);
    expect(created.headers).toEqual({ 'content-length': String(Buffer.byteLength(xml)), 'if-none-match': '*' });
    expect(Date.parse(created.expiresAt) - Date.now()).toBeGreaterThan(14 * 60_000);
    expect(waiting.body).toMatchObject({ id: created.id, status: 'waiting_for_upload', runId: null });
    expect(put.status).toBe(200);
    expect(done).toMatchObject({ status: 'completed', error: null, runId: expect.stringMatching(/^[0-9a-z]{26}$/) });
    const run = await api(apiUrl, 'GET', `/v1/projects/${projectId}/test-runs/${done.runId}`, {
      token: owner.accessToken,
    });
    expect(run.body).toMatchObject({
      source: 'import',
      status: 'failed',
      suiteName: 'nightly',
      commit: '9e8d7c6',
      branch: 'release/1.2',
      createdBy: owner.userId,
    });
    expect(run.body.summary).toMatchObject({ total: 5, passed: 2, failed: 1, errored: 1, skipped: 1 });
    expect(run.body.results[0].suitePath).toMatch(/^\/app\/phpunit\.xml › Unit › Tests\\Unit\\CartTest/);
  });

  it('ends a malformed upload failed, with the parse position, and creates no run', async () => {
    const owner = await registerAndLogin(apiUrl);
    const projectId = await projectOf(owner);
    const xml = junitFixture('malformed-mismatched-tag.xml');
    const created = await upload(projectId, owner, { contentLength: Buffer.byteLength(xml) });

    const put = await putReport(created, xml);
    const done = await settled(projectId, owner, created.id);

    expect(put.status).toBe(200);
    expect(done).toMatchObject({ status: 'failed', runId: null, error: { code: 'INVALID_JUNIT_REPORT' } });
    expect(done.error.detail).toMatch(/^Line 7, column 13: mismatched closing tag/);
    const runs = await api(apiUrl, 'GET', `/v1/projects/${projectId}/test-runs`, { token: owner.accessToken });
    expect(runs.body.items).toEqual([]);
  });

  it('imports a report too large for a request body', async () => {
    // Prepare: 6.6 MB in 300 cases (the body limit is 5 MB)
    const owner = await registerAndLogin(apiUrl);
    const projectId = await projectOf(owner);
    const output = 'y'.repeat(22_000);
    const cases = Array.from(
      { length: 300 },
      (_, i) =>
        `<testcase classname="big.Suite${i % 7}" name="case ${i}" time="0.001">${i % 50 === 0 ? '<failure message="nope"/>' : ''}<system-out>${output}</system-out></testcase>`,
    );
    const xml = `<testsuites><testsuite name="big">${cases.join('\n')}</testsuite></testsuites>`;
    const created = await upload(projectId, owner, { suite: 'big', contentLength: Buffer.byteLength(xml) });

    // Act
    const put = await putReport(created, xml);
    const done = await settled(projectId, owner, created.id);

    // Assess
    expect(Buffer.byteLength(xml)).toBeGreaterThan(6 * 1024 * 1024);
    expect(put.status).toBe(200);
    expect(done.status).toBe('completed');
    const run = await api(apiUrl, 'GET', `/v1/projects/${projectId}/test-runs/${done.runId}`, {
      token: owner.accessToken,
    });
    expect(run.body.summary).toMatchObject({ total: 300, passed: 294, failed: 6 });
  });

  it('binds the presigned PUT to the declared size', async () => {
    const owner = await registerAndLogin(apiUrl);
    const projectId = await projectOf(owner);
    const xml = junitFixture('vitest.xml');
    const created = await upload(projectId, owner, { contentLength: Buffer.byteLength(xml) + 10 });

    const put = await putReport(created, xml);
    const status = await importStatus(projectId, owner, created.id);

    // S3 refuses it: Content-Length is a signed header of the URL.
    expect(put.status).toBe(403);
    expect(await put.text()).toContain('SignatureDoesNotMatch');
    expect(status.body.status).toBe('waiting_for_upload');
  });

  it('refuses a second PUT to the same URL with 412 PreconditionFailed, keeping the first report and its run', async () => {
    // Prepare: one report uploaded and imported.
    const owner = await registerAndLogin(apiUrl);
    const projectId = await projectOf(owner);
    const xml = junitFixture('vitest.xml');
    const created = await upload(projectId, owner, { contentLength: Buffer.byteLength(xml) });
    expect((await putReport(created, xml)).status).toBe(200);
    const done = await settled(projectId, owner, created.id);
    // Another body of the same length: what an overwrite would slip in.
    const forged = Buffer.alloc(Buffer.byteLength(xml), ' ');

    // Act
    const again = await putReport(created, forged);
    const unconditional = await putReport(created, forged, {} as { 'if-none-match': string });

    // Assess
    expect(again.status).toBe(412);
    expect(await again.text()).toContain('<Code>PreconditionFailed</Code>');
    // Dropping the header breaks the signature instead.
    expect(unconditional.status).toBe(403);
    const stored = await s3.send(
      new GetObjectCommand({
        Bucket: inject('resources').bucketName,
        Key: `imports/${projectId}/${created.id}.xml`,
      }),
    );
    expect(await stored.Body?.transformToString()).toBe(xml);
    const status = await importStatus(projectId, owner, created.id);
    expect(status.body).toMatchObject({ status: 'completed', runId: done.runId });
  });

  it('refuses a body longer than declared as the upload starts, without taking it in', async () => {
    // Prepare: a URL for 1 KiB; then 210 MiB announced and streamed.
    const owner = await registerAndLogin(apiUrl);
    const projectId = await projectOf(owner);
    const created = await upload(projectId, owner, { contentLength: 1024 });
    const announced = 210 * 1024 * 1024;

    // Act
    const { status, sentBytes } = await streamedPut(created.url, announced);

    // Assess: refused on its headers, long before the body could have been read.
    expect(status).toBe(403);
    expect(sentBytes).toBeLessThan(announced);
    const state = await importStatus(projectId, owner, created.id);
    expect(state.body.status).toBe('waiting_for_upload');
  });

  it('requires the report size (contentLength) to bind the upload to, writing nothing without it', async () => {
    const owner = await registerAndLogin(apiUrl);
    const projectId = await projectOf(owner);

    const response = await api(apiUrl, 'POST', `/v1/projects/${projectId}/test-runs/imports/uploads`, {
      token: owner.accessToken,
      body: { suite: 'e2e' },
    });

    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(response.body.errors).toEqual([{ path: 'body.contentLength', message: expect.any(String) }]);
  });

  it("answers 404 for an unknown import and for another project's", async () => {
    const owner = await registerAndLogin(apiUrl);
    const projectId = await projectOf(owner);
    const otherOwner = await registerAndLogin(apiUrl);
    const otherProject = await projectOf(otherOwner);
    const created = await upload(projectId, owner, { contentLength: 100 });

    const unknown = await importStatus(projectId, owner, '01hzzzzzzzzzzzzzzzzzzzzzzz');
    const foreign = await importStatus(otherProject, otherOwner, created.id);
    const stranger = await importStatus(projectId, otherOwner, created.id);

    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('IMPORT_NOT_FOUND');
    expect(foreign.status).toBe(404);
    expect(stranger.status).toBe(404);
  });
});
