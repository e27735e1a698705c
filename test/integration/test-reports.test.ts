import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { TestRunSummary } from '#shared/schemas/test-runs';
import { api, registerAndLogin, type TestUser } from '../support/client.ts';
import { junitFixture } from '../support/junit.ts';
import { localDynamoDB } from '../support/local-clients.ts';
import { createProject, importedRun } from '../support/projects.ts';
import { testRunRecord } from '../support/records.ts';

const apiUrl = inject('apiUrl');

const dynamodb = DynamoDBDocumentClient.from(localDynamoDB());

/** A report with a hostile case name and message, a new failure's worth of outcomes, and output. */
const HOSTILE = `<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="web">
  <testsuite name="ui &amp; &quot;forms&quot;">
    <testcase classname="ui.forms" name="&lt;script&gt;alert('x')&lt;/script&gt;" time="0.010">
      <failure message="&lt;img src=x onerror=alert(1)&gt;" type="AssertionError">expected &lt;b&gt;bold&lt;/b&gt; &amp; more</failure>
      <system-out>&lt;iframe src="https://evil.example/"&gt;&lt;/iframe&gt;</system-out>
    </testcase>
    <testcase classname="ui.forms" name="submits" time="0.020"/>
    <testcase classname="ui.forms" name="validates" time="0.005"><skipped/></testcase>
  </testsuite>
</testsuites>`;

interface ImportedRun {
  id: string;
  summary: TestRunSummary;
  results: { caseId: string; name: string; status: string }[];
}

let owner: TestUser;
let projectId: string;
let surefire: ImportedRun;
let hostile: ImportedRun;

const importReport = (xml: string, query = '') => importedRun<ImportedRun>(apiUrl, projectId, owner, xml, query);

function report(runId: string, format: string, user: TestUser = owner) {
  return api(apiUrl, 'GET', `/v1/projects/${projectId}/test-runs/${runId}/report?format=${format}`, {
    token: user.accessToken,
  });
}

async function download(runId: string, format: string): Promise<{ response: Response; text: string; url: string }> {
  const link = await report(runId, format);
  expect(link.status).toBe(200);
  expect(link.body).toMatchObject({ format, url: expect.stringMatching(/^https?:\/\//) });
  const response = await fetch(link.body.url);
  return { response, text: await response.text(), url: link.body.url };
}

beforeAll(async () => {
  owner = await registerAndLogin(apiUrl);
  projectId = await createProject(apiUrl, owner, 'Reports', 'RP');
  surefire = await importReport(junitFixture('maven-surefire.xml'), '?suite=backend&commit=1a2b3c4');
  hostile = await importReport(HOSTILE, '?suite=web');
});

afterAll(() => {
  dynamodb.destroy();
});

describe('GET /v1/projects/{projectId}/test-runs/{runId}/report', () => {
  it('links the JSON report: the run with every result', async () => {
    const { response, text } = await download(surefire.id, 'json');

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const body = JSON.parse(text);
    expect(body).toMatchObject({
      id: surefire.id,
      projectId,
      source: 'import',
      suiteName: 'backend',
      commit: '1a2b3c4',
      summary: surefire.summary,
    });
    expect(body.results).toHaveLength(5);
    expect(body.results.map((result: { caseId: string }) => result.caseId).sort()).toEqual(
      surefire.results.map((result) => result.caseId).sort(),
    );
    expect(body.results.find((result: { name: string }) => result.name === 'syncsInventory')).toMatchObject({
      status: 'passed',
      attempts: 3,
      flaky: true,
    });
  });

  it('links a JUnit report that re-imports to the same counts and the same cases', async () => {
    const { response, text } = await download(surefire.id, 'junit');

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/xml/);
    expect(text).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites /);
    const again = await importReport(text, '?suite=backend-reimport');
    expect(again.summary).toEqual(surefire.summary);
    const caseIds = (run: ImportedRun) => run.results.map((result) => result.caseId).sort();
    expect(caseIds(again)).toEqual(caseIds(surefire));
  });

  it('links a self-contained HTML page: failures first, everything user-given escaped', async () => {
    const { response, text } = await download(hostile.id, 'html');

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(text).toMatch(/^<!doctype html>/);
    // Nothing fetched from elsewhere: no script at all, no src/href to another host.
    expect(text).not.toMatch(/<script/i);
    expect(text).not.toMatch(/<iframe/i);
    expect(text).not.toMatch(/<img/i);
    expect(text).not.toMatch(/<[a-z][^>]*\s(?:src|href)\s*=\s*["']?(?:https?:)?\/\//i);
    expect(text).toContain('&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;');
    expect(text).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(text).toContain('expected &lt;b&gt;bold&lt;/b&gt; &amp; more');
    expect(text).toContain('ui &amp; &quot;forms&quot;');
    // The failure is detailed before the table lists the passed and skipped cases.
    const failure = text.indexOf('<article class="case failed">');
    expect(failure).toBeGreaterThan(0);
    expect(failure).toBeLessThan(text.indexOf('submits'));
    expect(text).toMatch(/<span class="value">3<\/span><span class="label">Total<\/span>/);
  });

  it('writes the HTML page in the language and time zone asked for, each once', async () => {
    // Act
    const path = `/v1/projects/${projectId}/test-runs/${surefire.id}/report?format=html`;
    const chinese = await api(apiUrl, 'GET', `${path}&lang=zh-CN&tz=Asia/Shanghai`, { token: owner.accessToken });
    const byHeader = await api(apiUrl, 'GET', path, {
      token: owner.accessToken,
      headers: { 'accept-language': 'zh-Hans;q=0.9, en;q=0.5' },
    });
    const english = await api(apiUrl, 'GET', `${path}&lang=en`, { token: owner.accessToken });
    const again = await api(apiUrl, 'GET', `${path}&lang=zh&tz=Asia/Shanghai`, { token: owner.accessToken });

    // Assess
    expect(chinese.body).toMatchObject({ format: 'html', locale: 'zh-CN', timeZone: 'Asia/Shanghai' });
    expect(byHeader.body).toMatchObject({ locale: 'zh-CN', timeZone: 'UTC' });
    expect(english.body).toMatchObject({ locale: 'en', timeZone: 'UTC' });
    const page = await (await fetch(chinese.body.url)).text();
    expect(page).toContain('<html lang="zh-CN">');
    expect(page).toContain('时间以 Asia/Shanghai 显示。');
    expect(page).toMatch(/<h2>失败 <span class="count">/);
    expect(await (await fetch(english.body.url)).text()).toContain('<html lang="en">');
    expect(new URL(again.body.url).pathname).toBe(new URL(chinese.body.url).pathname);
    expect(new URL(byHeader.body.url).pathname).not.toBe(new URL(chinese.body.url).pathname);
  });

  it('refuses a language it does not speak and a time zone that does not exist, naming the parameter', async () => {
    const path = `/v1/projects/${projectId}/test-runs/${surefire.id}/report?format=html`;
    const french = await api(apiUrl, 'GET', `${path}&lang=fr`, { token: owner.accessToken });
    const nowhere = await api(apiUrl, 'GET', `${path}&tz=Mars/Olympus_Mons`, { token: owner.accessToken });

    expect(french.status).toBe(400);
    expect(french.body.errors).toEqual([expect.objectContaining({ path: 'query.lang' })]);
    expect(nowhere.status).toBe(400);
    expect(nowhere.body.errors).toEqual([expect.objectContaining({ path: 'query.tz' })]);
  });

  it('writes a report once and reuses it', async () => {
    const first = await download(hostile.id, 'json');
    const second = await download(hostile.id, 'json');

    expect(new URL(second.url).pathname).toBe(new URL(first.url).pathname);
    expect(JSON.parse(second.text).generatedAt).toBe(JSON.parse(first.text).generatedAt);
  });

  it('defaults to JSON and refuses an unknown format', async () => {
    const byDefault = await api(apiUrl, 'GET', `/v1/projects/${projectId}/test-runs/${hostile.id}/report`, {
      token: owner.accessToken,
    });
    const unknown = await report(hostile.id, 'pdf');

    expect(byDefault.status).toBe(200);
    expect(byDefault.body.format).toBe('json');
    expect(Date.parse(byDefault.body.expiresAt)).toBeGreaterThan(Date.now());
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0].path).toBe('query.format');
  });

  it('answers 409 while the run has not finished', async () => {
    // Prepare: a run still running (stored as the run repository stores one).
    const runId = '01jzzzzzzzzzzzzzzzzzzzzzzz';
    const now = new Date().toISOString();
    await dynamodb.send(
      new PutCommand({
        TableName: inject('resources').tableName,
        Item: {
          PK: `PROJECT#${projectId}`,
          SK: `TESTRUN#${runId}`,
          GSI1PK: `SUITERUNS#${projectId}#import:running`,
          GSI1SK: `TESTRUN#${runId}`,
          type: 'TestRun',
          ...testRunRecord({
            id: runId,
            projectId,
            source: 'import',
            suiteKey: 'import:running',
            suiteId: null,
            suiteName: 'running',
            createdBy: owner.userId,
            createdAt: now,
            updatedAt: now,
            startedAt: now,
          }),
        },
      }),
    );

    const response = await report(runId, 'html');

    expect(response.status).toBe(409);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(response.body.code).toBe('TEST_RUN_NOT_FINISHED');
  });

  it("answers 404 for another project's run and to a non-member", async () => {
    const stranger = await registerAndLogin(apiUrl);
    const otherProjectId = await createProject(apiUrl, stranger, 'Other', 'OT');

    const foreignRun = await api(
      apiUrl,
      'GET',
      `/v1/projects/${otherProjectId}/test-runs/${surefire.id}/report?format=json`,
      { token: stranger.accessToken },
    );
    const nonMember = await report(surefire.id, 'json', stranger);

    expect(foreignRun.status).toBe(404);
    expect(nonMember.status).toBe(404);
  });
});
