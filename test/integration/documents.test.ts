import { readFileSync } from 'node:fs';
import { describe, expect, inject, it } from 'vitest';
import { api, readPublishedEvents, registerAndLogin, type TestUser } from '../support/client.ts';
import { createProject } from '../support/projects.ts';
import { BROKEN_MARKUP_PAYLOADS, executableConstructs, HTML_PAYLOADS, MARKDOWN_PAYLOADS } from '../support/xss.ts';

const apiUrl = inject('apiUrl');
const dataDir = inject('dataDir');

const fixture = (name: string) => readFileSync(`test/fixtures/openapi/${name}`, 'utf8');

const REQUIREMENT = `# Login

As a user I want to sign in.

## Acceptance criteria

1. A valid password signs in.
2. A wrong password is refused.
`;

async function projectWithKey(owner: TestUser): Promise<{ projectId: string; key: string }> {
  const projectId = await createProject(apiUrl, owner, 'Docs', 'DC');
  const project = await api(apiUrl, 'GET', `/v1/projects/${projectId}`, { token: owner.accessToken });
  return { projectId, key: (project.body as { key: string }).key };
}

async function createDocument(owner: TestUser, projectId: string, body: Record<string, unknown>) {
  const created = await api(apiUrl, 'POST', `/v1/projects/${projectId}/documents`, { token: owner.accessToken, body });
  expect(created.status, created.text).toBe(201);
  return created;
}

describe('documents core', () => {
  it('creates a document with the next number and reads it by id and by number, in any letter case', async () => {
    const owner = await registerAndLogin(apiUrl);
    const { projectId, key } = await projectWithKey(owner);
    const first = await createDocument(owner, projectId, { title: 'Login', type: 'requirement', body: REQUIREMENT });
    const second = await createDocument(owner, projectId, { title: 'Logout', type: 'requirement', tags: ['auth'] });
    expect(first.body).toMatchObject({
      key: `${key}-1`,
      number: 1,
      projectId,
      title: 'Login',
      type: 'requirement',
      format: 'markdown',
      status: 'draft',
      version: 1,
      tags: [],
      templateId: null,
      reviewers: [],
      body: REQUIREMENT,
      createdBy: owner.userId,
      updatedBy: owner.userId,
    });
    expect(first.headers.get('etag')).toBe('"1"');
    expect(second.body).toMatchObject({ key: `${key}-2`, number: 2, body: '' });

    const byId = await api(apiUrl, 'GET', `/v1/projects/${projectId}/documents/${first.body.id}`, {
      token: owner.accessToken,
    });
    const byNumber = await api(apiUrl, 'GET', `/v1/projects/${projectId}/documents/${key.toLowerCase()}-1`, {
      token: owner.accessToken,
    });
    expect(byId.status).toBe(200);
    expect(byId.headers.get('etag')).toBe('"1"');
    expect(byNumber.body).toEqual(byId.body);
    expect(byId.body.body).toBe(REQUIREMENT);
  });

  it('saves a new version only with a current If-Match: 428 without, 412 stale with the current version', async () => {
    const owner = await registerAndLogin(apiUrl);
    const { projectId, key } = await projectWithKey(owner);
    await createDocument(owner, projectId, { title: 'Login', type: 'requirement', body: REQUIREMENT });
    const path = `/v1/projects/${projectId}/documents/${key}-1`;
    const edit = { body: `${REQUIREMENT}3. A locked account is refused.\n` };

    const withoutIfMatch = await api(apiUrl, 'PUT', path, { token: owner.accessToken, body: edit });
    expect(withoutIfMatch.status).toBe(428);
    expect(withoutIfMatch.body).toMatchObject({ code: 'PRECONDITION_REQUIRED' });

    const saved = await api(apiUrl, 'PUT', path, {
      token: owner.accessToken,
      body: edit,
      headers: { 'if-match': '"1"' },
    });
    expect(saved.status, saved.text).toBe(200);
    expect(saved.headers.get('etag')).toBe('"2"');
    expect(saved.body).toMatchObject({ version: 2, title: 'Login', body: edit.body });

    const stale = await api(apiUrl, 'PUT', path, {
      token: owner.accessToken,
      body: { title: 'Sign-in' },
      headers: { 'if-match': '"1"' },
    });
    expect(stale.status).toBe(412);
    expect(stale.body).toMatchObject({ code: 'VERSION_MISMATCH', currentVersion: 2 });
    const current = await api(apiUrl, 'GET', path, { token: owner.accessToken });
    expect(current.body).toMatchObject({ version: 2, title: 'Login', body: edit.body });
  });

  it('answers 404 for another project’s document, by id and by number under either key', async () => {
    const owner = await registerAndLogin(apiUrl);
    const mine = await projectWithKey(owner);
    const theirs = await projectWithKey(owner);
    const created = await createDocument(owner, theirs.projectId, { title: 'Theirs', type: 'adr' });
    for (const ref of [created.body.id, `${theirs.key}-1`, `${mine.key}-1`]) {
      const response = await api(apiUrl, 'GET', `/v1/projects/${mine.projectId}/documents/${ref}`, {
        token: owner.accessToken,
      });
      expect(response.status, ref).toBe(404);
      expect(response.body).toMatchObject({ code: 'DOCUMENT_NOT_FOUND' });
    }
  });

  it('lists documents newest first in cursor pages, by type, status and tag', async () => {
    const owner = await registerAndLogin(apiUrl);
    const { projectId, key } = await projectWithKey(owner);
    await createDocument(owner, projectId, { title: 'A', type: 'requirement', tags: ['auth'] });
    await createDocument(owner, projectId, { title: 'B', type: 'adr', tags: ['auth', 'db'] });
    await createDocument(owner, projectId, { title: 'C', type: 'requirement' });
    const list = (query: string) =>
      api(apiUrl, 'GET', `/v1/projects/${projectId}/documents${query}`, { token: owner.accessToken });

    const first = await list('?limit=2');
    expect(first.body.items.map((item: { key: string }) => item.key)).toEqual([`${key}-3`, `${key}-2`]);
    expect(first.body.items[0]).not.toHaveProperty('body');
    const second = await list(`?limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body).toMatchObject({ items: [{ key: `${key}-1` }], nextCursor: null });
    expect((await list('?type=requirement')).body.items.map((item: { title: string }) => item.title)).toEqual([
      'C',
      'A',
    ]);
    expect((await list('?tag=db')).body.items.map((item: { title: string }) => item.title)).toEqual(['B']);
    expect((await list('?status=draft')).body.items).toHaveLength(3);
    expect((await list('?status=approved')).body.items).toHaveLength(0);
  });

  it('keeps every version, diffs two of them and restores an old one as a new version', async () => {
    const owner = await registerAndLogin(apiUrl);
    const { projectId, key } = await projectWithKey(owner);
    const created = await createDocument(owner, projectId, { title: 'Login', type: 'requirement', body: REQUIREMENT });
    const path = `/v1/projects/${projectId}/documents/${key}-1`;
    const second = REQUIREMENT.replace('2. A wrong password is refused.', '2. A wrong password is refused twice.');
    expect(
      (
        await api(apiUrl, 'PUT', path, {
          token: owner.accessToken,
          body: { body: second },
          headers: { 'if-match': '1' },
        })
      ).status,
    ).toBe(200);

    const versions = await api(apiUrl, 'GET', `${path}/versions`, { token: owner.accessToken });
    expect(versions.body.items.map((item: { version: number }) => item.version)).toEqual([2, 1]);
    expect(versions.body.items[1]).toMatchObject({ documentId: created.body.id, title: 'Login', restoredFrom: null });
    const one = await api(apiUrl, 'GET', `${path}/versions/1`, { token: owner.accessToken });
    expect(one.body).toMatchObject({ version: 1, body: REQUIREMENT });
    const missing = await api(apiUrl, 'GET', `${path}/versions/3`, { token: owner.accessToken });
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ code: 'DOCUMENT_VERSION_NOT_FOUND' });

    const diff = await api(apiUrl, 'GET', `${path}/diff?from=1&to=2`, { token: owner.accessToken });
    expect(diff.status, diff.text).toBe(200);
    expect(diff.body).not.toHaveProperty('changes');
    expect(diff.body.hunks).toEqual([
      {
        oldStart: 5,
        oldLines: 4,
        newStart: 5,
        newLines: 4,
        lines: [
          ' ## Acceptance criteria',
          ' ',
          ' 1. A valid password signs in.',
          '-2. A wrong password is refused.',
          '+2. A wrong password is refused twice.',
        ],
      },
    ]);
    expect(diff.body.unified).toContain('@@ -5,4 +5,4 @@');

    const restored = await api(apiUrl, 'POST', `${path}/versions/1/restore`, {
      token: owner.accessToken,
      headers: { 'if-match': '"2"' },
    });
    expect(restored.status, restored.text).toBe(200);
    expect(restored.body).toMatchObject({ version: 3, body: REQUIREMENT });
    const third = await api(apiUrl, 'GET', `${path}/versions/3`, { token: owner.accessToken });
    expect(third.body).toMatchObject({ restoredFrom: 1, body: REQUIREMENT });
    const events = (await readPublishedEvents(dataDir)).filter(
      (event) => event.detail.data?.documentId === created.body.id,
    );
    expect(events.map((event) => [event['detail-type'], event.detail.data?.version])).toEqual([
      ['Document Created', 1],
      ['Document Updated', 2],
      ['Document Updated', 3],
    ]);
    expect(events[2]?.detail.data).toMatchObject({ restoredFrom: 1, status: 'draft', number: 1 });
  });

  it('lets exactly one of two concurrent writers with the same If-Match save; the other gets 412', async () => {
    const owner = await registerAndLogin(apiUrl);
    const { projectId, key } = await projectWithKey(owner);
    await createDocument(owner, projectId, { title: 'Race', type: 'runbook', body: 'start' });
    const path = `/v1/projects/${projectId}/documents/${key}-1`;
    const [a, b] = await Promise.all(
      ['writer a', 'writer b'].map((body) =>
        api(apiUrl, 'PUT', path, { token: owner.accessToken, body: { body }, headers: { 'if-match': '"1"' } }),
      ),
    );
    expect([a!.status, b!.status].sort()).toEqual([200, 412]);
    const winner = a!.status === 200 ? a! : b!;
    const loser = a!.status === 200 ? b! : a!;
    expect(loser.body).toMatchObject({ code: 'VERSION_MISMATCH', currentVersion: 2 });
    const current = await api(apiUrl, 'GET', path, { token: owner.accessToken });
    expect(current.body).toMatchObject({ version: 2, body: winner.body.body });
    const versions = await api(apiUrl, 'GET', `${path}/versions`, { token: owner.accessToken });
    expect(versions.body.items).toHaveLength(2);
  });

  it('serves sanitized HTML whatever the document holds, and its outline', async () => {
    const owner = await registerAndLogin(apiUrl);
    const { projectId } = await projectWithKey(owner);
    const payloads = [...HTML_PAYLOADS, ...BROKEN_MARKUP_PAYLOADS, ...MARKDOWN_PAYLOADS];
    const body = `# Payloads\n\n${payloads.join('\n\nbetween\n\n')}\n\n## The end\n`;
    const created = await createDocument(owner, projectId, { title: 'XSS', type: 'other', body });
    const path = `/v1/projects/${projectId}/documents/${created.body.id}`;

    const html = await api(apiUrl, 'GET', `${path}?format=html`, { token: owner.accessToken });
    expect(html.status).toBe(200);
    expect(executableConstructs(html.body.html)).toEqual([]);
    expect(html.body.html).toContain('<h2 id="the-end">The end</h2>');
    const version = await api(apiUrl, 'GET', `${path}/versions/1?format=html`, { token: owner.accessToken });
    expect(version.body.html).toBe(html.body.html);
    const outline = await api(apiUrl, 'GET', `${path}?format=outline`, { token: owner.accessToken });
    // MARKDOWN_PAYLOADS holds one heading, `# Heading <img …>`: its text without the image.
    expect(outline.body.outline).toEqual([
      { level: 1, text: 'Payloads', anchor: 'payloads' },
      { level: 1, text: 'Heading', anchor: 'heading' },
      { level: 2, text: 'The end', anchor: 'the-end' },
    ]);
    expect(outline.body).not.toHaveProperty('html');

    // An OpenAPI design's reference: the spec's words are data, never markup.
    const design = fixture('petstore-2023-9df68a1d.yaml')
      .replace('title: Swagger Petstore', `title: "Petstore <img src=x onerror=alert(1)>"`)
      .replace('summary: List all pets', `summary: "<script>alert(1)</script> List all pets"`)
      .replace('description: A paged array of pets', 'description: "<svg onload=alert(1)> A paged array"');
    const api1 = await createDocument(owner, projectId, {
      title: 'Pets',
      type: 'api',
      format: 'openapi',
      body: design,
    });
    const reference = await api(apiUrl, 'GET', `/v1/projects/${projectId}/documents/${api1.body.id}?format=html`, {
      token: owner.accessToken,
    });
    expect(reference.status, reference.text).toBe(200);
    expect(executableConstructs(reference.body.html)).toEqual([]);
    expect(reference.body.html).toContain('GET /pets');
    expect(reference.body.html).toContain('<code>limit</code>');
    expect(reference.body.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; List all pets');
  });

  it('refuses an invalid OpenAPI design with 400 naming each problem’s pointer and line, writing nothing', async () => {
    const owner = await registerAndLogin(apiUrl);
    const { projectId, key } = await projectWithKey(owner);
    const invalid = fixture('petstore-2023-9df68a1d.yaml').replace('    get:\n', '    get:\n      responses: 12\n');
    const refused = await api(apiUrl, 'POST', `/v1/projects/${projectId}/documents`, {
      token: owner.accessToken,
      body: { title: 'Pets', type: 'api', format: 'openapi', body: invalid },
    });
    expect(refused.status, refused.text).toBe(400);
    expect(refused.body.code).toBe('VALIDATION_FAILED');
    expect(refused.body.errors.length).toBeGreaterThan(0);
    for (const error of refused.body.errors) {
      expect(error.path).toBe('body.body');
      expect(error.message).toMatch(/^at \/\S* \(line \d+\): /);
    }
    expect(refused.body.errors.map((error: { message: string }) => error.message).join('\n')).toContain(
      '/paths/~1pets/get',
    );
    const listed = await api(apiUrl, 'GET', `/v1/projects/${projectId}/documents`, { token: owner.accessToken });
    expect(listed.body.items).toEqual([]);
    // The number was not taken either: the next document is number 1.
    const next = await createDocument(owner, projectId, {
      title: 'Pets',
      type: 'api',
      format: 'openapi',
      body: fixture('petstore-2018-80fd1186.yaml'),
    });
    expect(next.body.key).toBe(`${key}-1`);
    const broken = await api(apiUrl, 'PUT', `/v1/projects/${projectId}/documents/${key}-1`, {
      token: owner.accessToken,
      body: { body: fixture('petstore-expanded-0476371e-broken.yaml') },
      headers: { 'if-match': '"1"' },
    });
    expect(broken.status).toBe(400);
    const versions = await api(apiUrl, 'GET', `/v1/projects/${projectId}/documents/${key}-1/versions`, {
      token: owner.accessToken,
    });
    expect(versions.body.items).toHaveLength(1);
  });

  it('reports the breaking changes between two versions of a real public OpenAPI document', async () => {
    const owner = await registerAndLogin(apiUrl);
    const { projectId, key } = await projectWithKey(owner);
    await createDocument(owner, projectId, {
      title: 'Petstore',
      type: 'api',
      format: 'openapi',
      body: fixture('petstore-2018-80fd1186.yaml'),
    });
    const path = `/v1/projects/${projectId}/documents/${key}-1`;
    const saved = await api(apiUrl, 'PUT', path, {
      token: owner.accessToken,
      body: { body: fixture('petstore-2023-9df68a1d.yaml') },
      headers: { 'if-match': '"1"' },
    });
    expect(saved.status, saved.text).toBe(200);
    const diff = await api(apiUrl, 'GET', `${path}/diff?from=1&to=2`, { token: owner.accessToken });
    expect(diff.status, diff.text).toBe(200);
    // Read side by side (OAI/OpenAPI-Specification examples/v3.0/petstore.yaml, 2018 vs 2023):
    // a required body on createPets, showPetById answering an object, and `limit` capped at 100.
    expect(
      diff.body.changes
        .filter((change: { breaking: boolean }) => change.breaking)
        .map((change: { id: string; operation: string }) => [change.id, change.operation]),
    ).toEqual([
      ['request-body-added-required', 'POST /pets'],
      ['response-body-type-changed', 'GET /pets/{petId}'],
      ['request-parameter-max-set', 'GET /pets'],
    ]);
    expect(diff.body.hunks.length).toBeGreaterThan(0);
    const back = await api(apiUrl, 'GET', `${path}/diff?from=2&to=1`, { token: owner.accessToken });
    expect(back.body.changes).toContainEqual(
      expect.objectContaining({ id: 'request-body-removed', breaking: true, operation: 'POST /pets' }),
    );
  });

  it('deletes a document with its versions; its number is never given again', async () => {
    const owner = await registerAndLogin(apiUrl);
    const { projectId, key } = await projectWithKey(owner);
    const created = await createDocument(owner, projectId, { title: 'Gone', type: 'other', body: 'v1' });
    const path = `/v1/projects/${projectId}/documents/${key}-1`;
    await api(apiUrl, 'PUT', path, { token: owner.accessToken, body: { body: 'v2' }, headers: { 'if-match': '"1"' } });

    const deleted = await api(apiUrl, 'DELETE', path, { token: owner.accessToken });
    expect(deleted.status).toBe(204);
    for (const gone of [
      path,
      `/v1/projects/${projectId}/documents/${created.body.id}`,
      `${path}/versions`,
      `${path}/versions/1`,
    ]) {
      expect((await api(apiUrl, 'GET', gone, { token: owner.accessToken })).status, gone).toBe(404);
    }
    expect((await api(apiUrl, 'DELETE', path, { token: owner.accessToken })).status).toBe(404);
    const next = await createDocument(owner, projectId, { title: 'Next', type: 'other' });
    expect(next.body.key).toBe(`${key}-2`);
    const events = await readPublishedEvents(dataDir);
    expect(events).toContainEqual(
      expect.objectContaining({
        'detail-type': 'Document Deleted',
        detail: expect.objectContaining({ projectId, data: { documentId: created.body.id, number: 1 } }),
      }),
    );
  });
});
