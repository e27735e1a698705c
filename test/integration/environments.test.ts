import { describe, expect, inject, it } from 'vitest';
import { api, readPublishedEvents, registerAndLogin, type TestUser } from '../support/client.ts';

const apiUrl = inject('apiUrl');
const dataDir = inject('dataDir');

async function projectOf(owner: TestUser): Promise<string> {
  const key = `EN${Math.random().toString(36).slice(2, 9).toUpperCase()}`;
  const response = await api(apiUrl, 'POST', '/v1/projects', { token: owner.accessToken, body: { name: 'Envs', key } });
  expect(response.status).toBe(201);
  return (response.body as { id: string }).id;
}

const SECRET = 'whsec-0123456789abcdef-do-not-leak';

describe('environments', () => {
  it('creates an environment whose secret is write-only, with defaults filled in', async () => {
    const owner = await registerAndLogin(apiUrl);
    const projectId = await projectOf(owner);
    const created = await api(apiUrl, 'POST', `/v1/projects/${projectId}/environments`, {
      token: owner.accessToken,
      body: {
        name: 'production',
        url: 'https://app.example.com',
        healthCheck: { path: '/healthz' },
        deployTarget: { type: 'webhook', url: 'https://deploy.example.com/hook', secret: SECRET },
        protection: { requiredApprovals: 2 },
      },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: 'production',
      deployTarget: { type: 'webhook', url: 'https://deploy.example.com/hook', hasSecret: true },
      healthCheck: { path: '/healthz', expectedStatus: 200, attempts: 3, intervalSeconds: 10, timeoutMs: 5000 },
      protection: { requiredApprovals: 2, approverRoles: ['owner', 'maintainer'], preventSelfApproval: true },
      concurrency: 'queue',
      currentVersion: null,
      lastDeploymentId: null,
    });
    const { id: environmentId } = created.body as { id: string };
    const fetched = await api(apiUrl, 'GET', `/v1/projects/${projectId}/environments/${environmentId}`, {
      token: owner.accessToken,
    });
    const listed = await api(apiUrl, 'GET', `/v1/projects/${projectId}/environments`, { token: owner.accessToken });
    for (const text of [created.text, fetched.text, listed.text]) expect(text).not.toContain(SECRET);
    const events = await readPublishedEvents(dataDir);
    expect(JSON.stringify(events)).not.toContain(SECRET);
    expect((listed.body as { items: unknown[] }).items).toHaveLength(1);
  });

  it('refuses a duplicate name in the project with 409', async () => {
    const owner = await registerAndLogin(apiUrl);
    const projectId = await projectOf(owner);
    const body = { name: 'staging', deployTarget: { type: 'webhook', url: 'https://deploy.example.com/hook' } };
    expect(
      (await api(apiUrl, 'POST', `/v1/projects/${projectId}/environments`, { token: owner.accessToken, body })).status,
    ).toBe(201);
    const again = await api(apiUrl, 'POST', `/v1/projects/${projectId}/environments`, {
      token: owner.accessToken,
      body,
    });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'ENVIRONMENT_NAME_TAKEN' });
  });

  it('refuses private and metadata addresses when saving, naming the field', async () => {
    const owner = await registerAndLogin(apiUrl);
    const projectId = await projectOf(owner);
    for (const [url, field] of [
      ['http://169.254.169.254/latest/meta-data', 'body.deployTarget.url'],
      ['http://10.0.0.1/deploy', 'body.deployTarget.url'],
    ] as const) {
      const response = await api(apiUrl, 'POST', `/v1/projects/${projectId}/environments`, {
        token: owner.accessToken,
        body: { name: 'metadata', deployTarget: { type: 'webhook', url } },
      });
      expect(response.status, url).toBe(400);
      expect(response.body.errors).toEqual([expect.objectContaining({ path: field })]);
    }
    const badUrl = await api(apiUrl, 'POST', `/v1/projects/${projectId}/environments`, {
      token: owner.accessToken,
      body: {
        name: 'x',
        url: 'http://[fd00::1]/',
        deployTarget: { type: 'webhook', url: 'https://deploy.example.com' },
      },
    });
    expect(badUrl.status).toBe(400);
    expect(badUrl.body.errors).toEqual([expect.objectContaining({ path: 'body.url' })]);
    const list = await api(apiUrl, 'GET', `/v1/projects/${projectId}/environments`, { token: owner.accessToken });
    expect((list.body as { items: unknown[] }).items).toEqual([]);
  });

  it('refuses a health-check path that names another host, naming the field', async () => {
    const owner = await registerAndLogin(apiUrl);
    const projectId = await projectOf(owner);
    for (const path of ['//other-host/x', '/\\other-host/x', 'healthz']) {
      const response = await api(apiUrl, 'POST', `/v1/projects/${projectId}/environments`, {
        token: owner.accessToken,
        body: {
          name: 'hosted',
          url: 'https://app.example.com',
          healthCheck: { path },
          deployTarget: { type: 'webhook', url: 'https://deploy.example.com/hook' },
        },
      });
      expect(response.status, path).toBe(400);
      expect(response.body.errors).toEqual([expect.objectContaining({ path: 'body.healthCheck.path' })]);
    }
    const list = await api(apiUrl, 'GET', `/v1/projects/${projectId}/environments`, { token: owner.accessToken });
    expect((list.body as { items: unknown[] }).items).toEqual([]);
  });

  it('refuses a deploy target that waits for a callback without a secret to verify it, naming the field', async () => {
    // Prepare
    const owner = await registerAndLogin(apiUrl);
    const projectId = await projectOf(owner);
    const path = `/v1/projects/${projectId}/environments`;

    // Act: create without a secret, then switch an existing secret-less target to callbacks
    const created = await api(apiUrl, 'POST', path, {
      token: owner.accessToken,
      body: {
        name: 'waits',
        deployTarget: { type: 'webhook', url: 'https://deploy.example.com/hook', waitForCallback: true },
      },
    });
    const plain = await api(apiUrl, 'POST', path, {
      token: owner.accessToken,
      body: { name: 'plain', deployTarget: { type: 'webhook', url: 'https://deploy.example.com/hook' } },
    });
    const environmentId = (plain.body as { id: string }).id;
    const patched = await api(apiUrl, 'PATCH', `${path}/${environmentId}`, {
      token: owner.accessToken,
      body: { deployTarget: { type: 'webhook', url: 'https://deploy.example.com/hook', waitForCallback: true } },
    });

    // Assess
    for (const response of [created, patched]) {
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect(response.body.errors).toEqual([expect.objectContaining({ path: 'body.deployTarget.secret' })]);
    }
    const list = await api(apiUrl, 'GET', path, { token: owner.accessToken });
    expect((list.body as { items: { name: string; deployTarget: { waitForCallback?: boolean } }[] }).items).toEqual([
      expect.objectContaining({ name: 'plain', deployTarget: expect.not.objectContaining({ waitForCallback: true }) }),
    ]);
  });

  it('updates with If-Match, keeps the secret unless a new one is given, and deletes', async () => {
    const owner = await registerAndLogin(apiUrl);
    const projectId = await projectOf(owner);
    const created = await api(apiUrl, 'POST', `/v1/projects/${projectId}/environments`, {
      token: owner.accessToken,
      body: {
        name: 'qa',
        url: 'https://qa.example.com',
        deployTarget: { type: 'webhook', url: 'https://d.example.com', secret: SECRET },
      },
    });
    const path = `/v1/projects/${projectId}/environments/${(created.body as { id: string }).id}`;
    const updated = await api(apiUrl, 'PATCH', path, {
      token: owner.accessToken,
      headers: { 'if-match': '"1"' },
      body: { url: null, concurrency: 'reject', deployTarget: { type: 'webhook', url: 'https://d2.example.com' } },
    });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({
      version: 2,
      concurrency: 'reject',
      deployTarget: { url: 'https://d2.example.com', hasSecret: true },
    });
    expect(updated.body).not.toHaveProperty('url');
    const stale = await api(apiUrl, 'PATCH', path, {
      token: owner.accessToken,
      headers: { 'if-match': '"1"' },
      body: { concurrency: 'queue' },
    });
    expect(stale.status).toBe(412);
    expect((await api(apiUrl, 'DELETE', path, { token: owner.accessToken })).status).toBe(204);
    expect((await api(apiUrl, 'GET', path, { token: owner.accessToken })).status).toBe(404);
  });

  it("answers 404 for another project's environment id", async () => {
    const [alice, bob] = await Promise.all([registerAndLogin(apiUrl), registerAndLogin(apiUrl)]);
    const [aliceProject, bobProject] = await Promise.all([projectOf(alice), projectOf(bob)]);
    const created = await api(apiUrl, 'POST', `/v1/projects/${aliceProject}/environments`, {
      token: alice.accessToken,
      body: { name: 'prod', deployTarget: { type: 'webhook', url: 'https://d.example.com' } },
    });
    const { id: environmentId } = created.body as { id: string };
    const crossed = await api(apiUrl, 'GET', `/v1/projects/${bobProject}/environments/${environmentId}`, {
      token: bob.accessToken,
    });
    expect(crossed.status).toBe(404);
    expect(crossed.body).toMatchObject({ code: 'ENVIRONMENT_NOT_FOUND' });
  });
});
