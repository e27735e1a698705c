import { describe, expect, inject, it } from 'vitest';
import { BUILT_IN_TEMPLATES } from '#shared/documents/templates/builtin';
import { api, pollUntil, readPublishedEvents, registerAndLogin, type TestUser } from '../support/client.ts';
import { createProject, importedRun } from '../support/projects.ts';

// Templates, links and traceability through the local API: a requirement made from the
// built-in template, cases with a passed, a failed and no result, linked per acceptance
// criterion, and the coverage the traceability route answers.

const apiUrl = inject('apiUrl');

const REPORT = `<?xml version="1.0"?>
<testsuite name="login" tests="3" failures="1">
  <testcase classname="login.Password" name="signs_in" time="0.01"/>
  <testcase classname="login.Password" name="refuses_wrong" time="0.01"><failure message="got 200">expected 401</failure></testcase>
  <testcase classname="login.Password" name="refuses_empty" time="0.01"/>
</testsuite>`;

const MANUAL_CASE = {
  name: 'Locks after five failures',
  type: 'api',
  spec: {
    request: { method: 'GET', url: 'https://app.example.com/health' },
    assertions: [{ type: 'status', equals: 200 }],
  },
};

async function post(user: TestUser, path: string, body: unknown, headers: Record<string, string> = {}) {
  return api(apiUrl, 'POST', path, { token: user.accessToken, body, headers });
}
const get = (user: TestUser, path: string, headers: Record<string, string> = {}) =>
  api(apiUrl, 'GET', path, { token: user.accessToken, headers });

/** Waits until the local EventBridge has delivered everything published so far (cases of an import are made then). */
async function eventDeliveriesSettled(): Promise<void> {
  const response = await fetch(`${inject('endpoints').eventbridge}/_local/drain`, { method: 'POST' });
  expect(response.status).toBe(200);
}

describe('document templates', () => {
  it('lists the built-in templates in the caller language and starts a document from one', async () => {
    // Arrange
    const owner = await registerAndLogin(apiUrl);
    const projectId = await createProject(apiUrl, owner, 'Templates', 'TP');
    const base = `/v1/projects/${projectId}`;

    // Act
    const english = await get(owner, `${base}/document-templates`);
    const chinese = await get(owner, `${base}/document-templates/builtin-requirement`, { 'accept-language': 'zh-CN' });
    const fromTemplate = await post(
      owner,
      `${base}/documents`,
      {
        title: '登录',
        type: 'requirement',
        templateId: 'builtin-requirement',
      },
      { 'accept-language': 'zh-CN' },
    );
    const api31 = await post(owner, `${base}/documents`, {
      title: 'Orders API',
      type: 'api',
      templateId: 'builtin-api',
    });
    const unknown = await post(owner, `${base}/documents`, {
      title: 'X',
      type: 'other',
      templateId: '01jq3v6m2x8k9c7w4e5r1t0y2u',
    });

    // Assess
    expect(english.status).toBe(200);
    expect(english.body.items.map((template: { id: string }) => template.id)).toEqual(
      BUILT_IN_TEMPLATES.map((template) => template.id),
    );
    expect(english.body.items[1]).toMatchObject({ name: 'Architecture (arc42)', builtIn: true, projectId: null });
    expect(english.body.items[0].body).toBeUndefined();
    expect(chinese.headers.get('content-language')).toBe('zh-CN');
    expect(chinese.body.body).toContain('## 验收标准');
    expect(fromTemplate.status, fromTemplate.text).toBe(201);
    expect(fromTemplate.body).toMatchObject({ templateId: 'builtin-requirement', body: chinese.body.body });
    expect(api31.status, api31.text).toBe(201);
    expect(api31.body).toMatchObject({ format: 'openapi', templateId: 'builtin-api' });
    expect(api31.body.body).toMatch(/^openapi: 3\.1\.0/);
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toEqual([expect.objectContaining({ path: 'body.templateId' })]);
  });

  it('lets a maintainer keep project templates, never change a built-in one, and refuses an invalid OpenAPI one', async () => {
    // Arrange
    const owner = await registerAndLogin(apiUrl);
    const projectId = await createProject(apiUrl, owner, 'Templates', 'TQ');
    const base = `/v1/projects/${projectId}/document-templates`;
    const template = {
      name: 'Incident review',
      type: 'other',
      body: '# Incident\n\n## Timeline\n',
      description: 'Blameless',
    };

    // Act
    const created = await post(owner, base, template);
    const replaced = await api(apiUrl, 'PUT', `${base}/${created.body.id}`, {
      token: owner.accessToken,
      body: { ...template, body: '# Incident\n\n## Impact\n' },
      headers: { 'if-match': '"1"' },
    });
    const stale = await api(apiUrl, 'PUT', `${base}/${created.body.id}`, {
      token: owner.accessToken,
      body: template,
      headers: { 'if-match': '"1"' },
    });
    const builtIn = await api(apiUrl, 'DELETE', `${base}/builtin-adr`, { token: owner.accessToken });
    const badOpenApi = await post(owner, base, {
      ...template,
      type: 'api',
      format: 'openapi',
      body: 'openapi: 3.1.0\n',
    });
    const listed = await get(owner, base);
    const deleted = await api(apiUrl, 'DELETE', `${base}/${created.body.id}`, { token: owner.accessToken });
    const gone = await get(owner, `${base}/${created.body.id}`);

    // Assess
    expect(created.status, created.text).toBe(201);
    expect(created.body).toMatchObject({ builtIn: false, projectId, version: 1, createdBy: owner.userId });
    expect(replaced.status, replaced.text).toBe(200);
    expect(replaced.body).toMatchObject({ version: 2, body: '# Incident\n\n## Impact\n' });
    expect(stale.status).toBe(412);
    expect(builtIn.status).toBe(409);
    expect(builtIn.body.code).toBe('DOCUMENT_TEMPLATE_READ_ONLY');
    expect(badOpenApi.status).toBe(400);
    expect(badOpenApi.body.errors[0].path).toBe('body.body');
    expect(listed.body.items.at(-1)).toMatchObject({ id: created.body.id, name: 'Incident review' });
    expect(deleted.status).toBe(204);
    expect(gone.status).toBe(404);
  });
});

describe('document links and traceability', () => {
  it('answers per acceptance criterion the linked cases, their latest results and the coverage totals', async () => {
    // Arrange: a requirement from the template (AC-1..AC-3), three imported cases (two passed,
    // one failed) and a case never run.
    const owner = await registerAndLogin(apiUrl);
    const projectId = await createProject(apiUrl, owner, 'Trace', 'TR');
    const base = `/v1/projects/${projectId}`;
    const requirement = await post(owner, `${base}/documents`, {
      title: 'Sign-in',
      type: 'requirement',
      templateId: 'builtin-requirement',
    });
    const run = await importedRun<{ id: string; results: { caseId: string; name: string; status: string }[] }>(
      apiUrl,
      projectId,
      owner,
      REPORT,
    );
    await eventDeliveriesSettled();
    const caseNamed = (name: string) => run.results.find((result) => result.name.includes(name))!.caseId;
    const [passed, failed, passedToo] = [caseNamed('signs_in'), caseNamed('refuses_wrong'), caseNamed('refuses_empty')];
    const neverRun = (await post(owner, `${base}/test-cases`, MANUAL_CASE)).body.id as string;
    const links = `${base}/documents/${requirement.body.id}/links`;
    const verify = (targetId: string, criterionId?: string) =>
      post(owner, links, { type: 'verifies', targetType: 'testCase', targetId, criterionId });

    // Act
    const made = [
      await verify(passed, 'AC-1'),
      await verify(passed, 'ac-2'),
      await verify(failed, 'AC-2'),
      await verify(neverRun, 'AC-3'),
      await verify(passedToo),
    ];
    const duplicate = await verify(passed, 'AC-1');
    const unknownCriterion = await verify(passed, 'AC-7');
    await pollUntil(
      () => get(owner, `${base}/test-cases/${failed}/history`),
      (history) => history.body?.items?.length === 1,
      { timeoutMs: 20_000, description: 'the imported results in the cases history' },
    );
    const traceability = await get(owner, `${base}/documents/${requirement.body.key}/traceability`);

    // Assess
    expect(made.map((response) => response.status)).toEqual([201, 201, 201, 201, 201]);
    expect(made[1]?.body.criterionId).toBe('AC-2');
    expect(duplicate.status).toBe(409);
    expect(unknownCriterion.status).toBe(400);
    expect(unknownCriterion.body.errors).toEqual([expect.objectContaining({ path: 'body.criterionId' })]);
    expect(traceability.status, traceability.text).toBe(200);
    const rows = traceability.body.criteria.map(
      (row: { id: string; coverage: string; cases: { caseId: string }[] }) => [
        row.id,
        row.coverage,
        row.cases.map((traced) => traced.caseId),
      ],
    );
    expect(rows).toEqual([
      ['AC-1', 'passed', [passed]],
      ['AC-2', 'failed', [passed, failed]],
      ['AC-3', 'untested', [neverRun]],
    ]);
    expect(traceability.body.criteria[1].cases[1].latestResult).toMatchObject({ status: 'failed', runId: run.id });
    expect(traceability.body.criteria[2].cases[0].latestResult).toBeNull();
    expect(traceability.body.documentCases.map((traced: { caseId: string }) => traced.caseId)).toEqual([passedToo]);
    // AC-2 has a passing case beside its failed one: only AC-3 has no passing test.
    expect(traceability.body.withoutPassingTest).toEqual(['AC-3']);
    expect(traceability.body.totals).toEqual({
      criteria: 3,
      covered: 3,
      notCovered: 0,
      passed: 1,
      failed: 1,
      untested: 1,
    });
  });

  it('lists links from both ends, keeps targets in the project and removes links with an event', async () => {
    // Arrange
    const owner = await registerAndLogin(apiUrl);
    const projectId = await createProject(apiUrl, owner, 'Links', 'LK');
    const otherProjectId = await createProject(apiUrl, owner, 'Elsewhere', 'LE');
    const base = `/v1/projects/${projectId}`;
    const adr = (await post(owner, `${base}/documents`, { title: 'Use DynamoDB', type: 'adr' })).body;
    const older = (await post(owner, `${base}/documents`, { title: 'Use Postgres', type: 'adr' })).body;
    const testCase = (await post(owner, `${base}/test-cases`, MANUAL_CASE)).body.id as string;
    const foreignCase = (await post(owner, `/v1/projects/${otherProjectId}/test-cases`, MANUAL_CASE)).body.id as string;
    const links = `${base}/documents/${adr.id}/links`;

    // Act
    const supersedes = await post(owner, links, { type: 'supersedes', targetType: 'document', targetId: older.key });
    const relates = await post(owner, links, { type: 'relates', targetType: 'testCase', targetId: testCase });
    const foreign = await post(owner, links, { type: 'relates', targetType: 'testCase', targetId: foreignCase });
    const wrongType = await post(owner, links, { type: 'verifies', targetType: 'document', targetId: older.id });
    const fromAdr = await get(owner, links);
    const toOlder = await get(owner, `${base}/documents/${older.id}/links`);
    const toCase = await get(owner, `${base}/links?targetType=testCase&targetId=${testCase}`);
    const removed = await api(apiUrl, 'DELETE', `${links}/${relates.body.id}`, { token: owner.accessToken });
    const removedAgain = await api(apiUrl, 'DELETE', `${links}/${relates.body.id}`, { token: owner.accessToken });
    const toCaseAfter = await get(owner, `${base}/links?targetType=testCase&targetId=${testCase}`);

    // Assess
    expect(supersedes.status, supersedes.text).toBe(201);
    expect(supersedes.body).toMatchObject({ documentId: adr.id, targetType: 'document', targetId: older.id });
    expect(foreign.status).toBe(400);
    expect(foreign.body.errors).toEqual([expect.objectContaining({ path: 'body.targetId' })]);
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.errors).toEqual([expect.objectContaining({ path: 'body.targetType' })]);
    expect(fromAdr.body.outgoing.map((link: { id: string }) => link.id)).toEqual([supersedes.body.id, relates.body.id]);
    expect(fromAdr.body.incoming).toEqual([]);
    expect(toOlder.body).toEqual({ outgoing: [], incoming: [supersedes.body] });
    expect(toCase.body.items).toEqual([relates.body]);
    expect(removed.status).toBe(204);
    expect(removedAgain.status).toBe(404);
    expect(toCaseAfter.body.items).toEqual([]);
    const events = (await readPublishedEvents(inject('dataDir'))).filter(
      (event) => event.detail?.data?.linkId === relates.body.id,
    );
    expect(events.map((event) => event['detail-type'])).toEqual(['Document Link Added', 'Document Link Removed']);
  });
});
