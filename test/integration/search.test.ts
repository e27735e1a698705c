import { DeleteObjectCommand } from '@aws-sdk/client-s3';
import { describe, expect, inject, it } from 'vitest';
import { type ApiResponse, api, pollUntil, registerAndLogin, type TestUser } from '../support/client.ts';
import { localS3 } from '../support/local-clients.ts';
import { createProject } from '../support/projects.ts';

const apiUrl = inject('apiUrl');
const resources = inject('resources');

interface Hit {
  type: string;
  id: string;
  projectId: string;
  title: string;
  titleHtml: string;
  snippet: string;
  score: number;
  url: string;
}
interface Results {
  items: Hit[];
  facets: Record<string, number>;
  total: number;
  nextCursor: string | null;
}

/** Indexing goes through the bus, a forwarder and the FIFO queue: seconds locally. */
const INDEXED_WITHIN_MS = 15_000;

function search(user: TestUser, query: Record<string, string>): Promise<ApiResponse> {
  return api(apiUrl, 'GET', `/v1/search?${new URLSearchParams(query)}`, { token: user.accessToken });
}

async function results(user: TestUser, query: Record<string, string>): Promise<Results> {
  const response = await search(user, query);
  expect(response.status, response.text).toBe(200);
  return response.body as Results;
}

/** Polls a search until `until` holds for its results. */
function searchUntil(user: TestUser, query: Record<string, string>, until: (found: Results) => boolean) {
  return pollUntil(() => results(user, query), until, {
    timeoutMs: INDEXED_WITHIN_MS,
    description: `search ${JSON.stringify(query)}`,
  });
}

const ids = (found: Results) => found.items.map((hit) => hit.id);

async function createCase(user: TestUser, projectId: string, name: string, tags: string[] = []): Promise<string> {
  const response = await api(apiUrl, 'POST', `/v1/projects/${projectId}/test-cases`, {
    token: user.accessToken,
    body: { type: 'e2e', classname: 'search.spec', name, tags },
  });
  expect(response.status, response.text).toBe(201);
  return (response.body as { id: string }).id;
}

describe('search', () => {
  it('finds a saved document by words of its body within seconds, `部署流水线` in `部署流水线失败`, and forgets it once deleted', async () => {
    const owner = await registerAndLogin(apiUrl);
    const projectId = await createProject(apiUrl, owner, 'Docs search', 'SD');
    const created = await api(apiUrl, 'POST', `/v1/projects/${projectId}/documents`, {
      token: owner.accessToken,
      body: {
        title: 'Release runbook',
        type: 'runbook',
        format: 'markdown',
        tags: ['ops'],
        body: '# 回滚\n\n当**部署流水线失败**时，先回滚 the canary, then page the on-call.\n',
      },
    });
    expect(created.status, created.text).toBe(201);
    const { id: documentId, key } = created.body as { id: string; key: string };

    const found = await searchUntil(owner, { q: '部署流水线' }, (page) => ids(page).includes(documentId));
    const hit = found.items.find((item) => item.id === documentId)!;
    expect(hit).toMatchObject({ type: 'document', url: `/v1/projects/${projectId}/documents/${documentId}` });
    // Markdown is stripped, the text escaped, the matched words marked.
    expect(hit.snippet).toContain('<mark>');
    expect(hit.snippet).not.toContain('**');
    expect((await api(apiUrl, 'GET', hit.url, { token: owner.accessToken })).status).toBe(200);
    for (const q of ['canary 回滚', key, 'runbok', 'on-cal']) {
      expect(ids(await results(owner, { q, projectId })), q).toContain(documentId);
    }

    const deleted = await api(apiUrl, 'DELETE', `/v1/projects/${projectId}/documents/${documentId}`, {
      token: owner.accessToken,
    });
    expect(deleted.status, deleted.text).toBe(204);
    await searchUntil(owner, { q: '部署流水线', projectId }, (page) => !ids(page).includes(documentId));
  });

  it('finds a saved test case within seconds: Chinese words inside a longer phrase, mixed text, typos and prefixes, highlighted', async () => {
    const owner = await registerAndLogin(apiUrl);
    const projectId = await createProject(apiUrl, owner, 'Search', 'SE');
    const caseId = await createCase(owner, projectId, 'Release gate: 部署流水线失败 when the integration stage breaks');

    const found = await searchUntil(owner, { q: '部署流水线' }, (page) => ids(page).includes(caseId));
    const hit = found.items.find((item) => item.id === caseId)!;
    expect(hit).toMatchObject({ type: 'testCase', projectId, url: `/v1/projects/${projectId}/test-cases/${caseId}` });
    expect(hit.titleHtml).toContain('<mark>');
    expect(hit.score).toBeGreaterThan(0);
    // The hit's URL fetches the item.
    expect((await api(apiUrl, 'GET', hit.url, { token: owner.accessToken })).status).toBe(200);

    for (const q of ['流水线 integration', 'integr', 'integartion', 'releas 部署']) {
      expect(ids(await results(owner, { q, projectId })), q).toContain(caseId);
    }
    expect(ids(await results(owner, { q: '部署脚本' }))).not.toContain(caseId);
  });

  it('counts matches per type before the type filter, and pages without repeating an item', async () => {
    const owner = await registerAndLogin(apiUrl);
    const projectId = await createProject(apiUrl, owner, 'Facets', 'SF');
    const caseIds = [
      await createCase(owner, projectId, 'checkout smoke one', ['checkout']),
      await createCase(owner, projectId, 'checkout smoke two', ['checkout']),
      await createCase(owner, projectId, 'checkout smoke three', ['checkout']),
    ];
    const suite = await api(apiUrl, 'POST', `/v1/projects/${projectId}/test-suites`, {
      token: owner.accessToken,
      body: { name: 'checkout smoke suite', tags: ['checkout'] },
    });
    expect(suite.status, suite.text).toBe(201);
    const pipeline = await api(apiUrl, 'POST', `/v1/projects/${projectId}/pipelines`, {
      token: owner.accessToken,
      body: { name: 'checkout release', stages: [{ type: 'approval', name: 'sign-off' }] },
    });
    expect(pipeline.status, pipeline.text).toBe(201);

    const all = await searchUntil(owner, { q: 'checkout', projectId }, (page) => page.total === 5);
    expect(all.facets).toMatchObject({ testCase: 3, testSuite: 1, pipeline: 1, document: 0 });

    const suitesOnly = await results(owner, { q: 'checkout', projectId, types: 'testSuite,pipeline' });
    expect(suitesOnly.total).toBe(2);
    expect(suitesOnly.items.map((hit) => hit.type).sort()).toEqual(['pipeline', 'testSuite']);
    expect(suitesOnly.facets).toEqual(all.facets);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Results = await results(owner, {
        q: 'checkout',
        projectId,
        limit: '2',
        ...(cursor ? { cursor } : {}),
      });
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...ids(page));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(5);
    expect(new Set(seen).size).toBe(5);
    for (const caseId of caseIds) expect(seen).toContain(caseId);

    const otherQuery = await search(owner, { q: 'smoke', projectId, cursor: all.nextCursor ?? 'bm90LWEtY3Vyc29y' });
    expect(otherQuery.status).toBe(400);
  });

  it('never shows a member of project A the items of project B, with or without projectId', async () => {
    const ownerA = await registerAndLogin(apiUrl);
    const ownerB = await registerAndLogin(apiUrl);
    const projectA = await createProject(apiUrl, ownerA, 'A', 'SA');
    const projectB = await createProject(apiUrl, ownerB, 'B', 'SB');
    const word = `zebra${Date.now().toString(36)}`;
    const caseA = await createCase(ownerA, projectA, `${word} in A`);
    const caseB = await createCase(ownerB, projectB, `${word} in B`);

    await searchUntil(ownerB, { q: word }, (page) => ids(page).includes(caseB));
    const seenByA = await searchUntil(ownerA, { q: word }, (page) => ids(page).includes(caseA));
    expect(ids(seenByA)).toEqual([caseA]);
    expect(seenByA.items.every((hit) => hit.projectId === projectA)).toBe(true);
    expect(ids(await results(ownerA, { q: word, projectId: projectA }))).toEqual([caseA]);

    const intoB = await search(ownerA, { q: word, projectId: projectB });
    expect(intoB.status).toBe(404);
    expect(intoB.text).not.toContain(caseB);
  });

  it('rebuilds a deleted index on reindex, and a deleted item leaves the results', async () => {
    const owner = await registerAndLogin(apiUrl);
    const projectId = await createProject(apiUrl, owner, 'Reindex', 'SR');
    const word = `okapi${Date.now().toString(36)}`;
    const caseId = await createCase(owner, projectId, `${word} rebuilt`);
    await searchUntil(owner, { q: word, projectId }, (page) => ids(page).includes(caseId));

    await localS3().send(
      new DeleteObjectCommand({ Bucket: resources.bucketName, Key: `search/${projectId}/index.json.gz` }),
    );
    expect((await results(owner, { q: word, projectId })).total).toBe(0);

    const reindexed = await api(apiUrl, 'POST', `/v1/projects/${projectId}/search/reindex`, {
      token: owner.accessToken,
    });
    expect(reindexed.status, reindexed.text).toBe(202);
    await searchUntil(owner, { q: word, projectId }, (page) => ids(page).includes(caseId));

    const deleted = await api(apiUrl, 'DELETE', `/v1/projects/${projectId}/test-cases/${caseId}`, {
      token: owner.accessToken,
    });
    expect(deleted.status).toBe(204);
    await searchUntil(owner, { q: word, projectId }, (page) => page.total === 0);
  });
});
