import { describe, expect, inject, it } from 'vitest';
import { api, registerAndLogin, type TestUser } from '../support/client.ts';

const apiUrl = inject('apiUrl');
const SECRET = 'stage-secret-0123456789-never-shown';

async function projectOf(owner: TestUser): Promise<string> {
  const key = `PL${Math.random().toString(36).slice(2, 9).toUpperCase()}`;
  const response = await api(apiUrl, 'POST', '/v1/projects', {
    token: owner.accessToken,
    body: { name: 'Pipes', key },
  });
  return (response.body as { id: string }).id;
}

const STAGES = [
  { type: 'webhook', name: 'build', url: 'https://ci.example.com/hooks/build', secret: SECRET, waitForCallback: true },
  { type: 'approval', name: 'sign-off', requiredApprovals: 1 },
  { type: 'deploy', name: 'release' },
];

describe('pipelines', () => {
  it('creates a versioned pipeline whose webhook secrets are write-only and carried over', async () => {
    const owner = await registerAndLogin(apiUrl);
    const projectId = await projectOf(owner);
    const created = await api(apiUrl, 'POST', `/v1/projects/${projectId}/pipelines`, {
      token: owner.accessToken,
      body: { name: 'Release', stages: STAGES },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: 'Release',
      version: 1,
      stages: [
        { type: 'webhook', name: 'build', hasSecret: true, waitForCallback: true, timeoutSeconds: 3600 },
        { type: 'approval', name: 'sign-off', requiredApprovals: 1 },
        { type: 'deploy', name: 'release' },
      ],
    });
    expect(created.text).not.toContain(SECRET);
    const path = `/v1/projects/${projectId}/pipelines/${(created.body as { id: string }).id}`;

    const withoutSecret = STAGES.map((stage) => (stage.type === 'webhook' ? { ...stage, secret: undefined } : stage));
    const replaced = await api(apiUrl, 'PUT', path, {
      token: owner.accessToken,
      body: { name: 'Release 2', stages: withoutSecret },
    });
    expect(replaced.status).toBe(200);
    expect(replaced.body).toMatchObject({
      name: 'Release 2',
      version: 2,
      stages: [{ name: 'build', hasSecret: true }, {}, {}],
    });

    const fetched = await api(apiUrl, 'GET', path, { token: owner.accessToken });
    expect(fetched.body).toMatchObject({ version: 2 });
    expect(fetched.text).not.toContain(SECRET);
    const listed = await api(apiUrl, 'GET', `/v1/projects/${projectId}/pipelines`, { token: owner.accessToken });
    expect((listed.body as { items: unknown[] }).items).toHaveLength(1);

    expect((await api(apiUrl, 'DELETE', path, { token: owner.accessToken })).status).toBe(204);
    expect((await api(apiUrl, 'GET', path, { token: owner.accessToken })).status).toBe(404);
  });

  it('refuses test stages of a suite the project does not have, and private webhook URLs, naming the stage', async () => {
    const owner = await registerAndLogin(apiUrl);
    const projectId = await projectOf(owner);
    const testStage = await api(apiUrl, 'POST', `/v1/projects/${projectId}/pipelines`, {
      token: owner.accessToken,
      body: {
        name: 'T',
        stages: [
          { type: 'deploy', name: 'a' },
          { type: 'test', name: 'smoke', suiteId: '01jd0000000000000000000003', minPassRate: 0.9 },
        ],
      },
    });
    expect(testStage.status).toBe(400);
    expect(testStage.body.errors).toEqual([expect.objectContaining({ path: 'body.stages.1.suiteId' })]);
    const privateHook = await api(apiUrl, 'POST', `/v1/projects/${projectId}/pipelines`, {
      token: owner.accessToken,
      body: { name: 'P', stages: [{ type: 'webhook', name: 'hook', url: 'http://10.1.2.3/hook' }] },
    });
    expect(privateHook.status).toBe(400);
    expect(privateHook.body.errors).toEqual([expect.objectContaining({ path: 'body.stages.0.url' })]);
    const duplicateNames = await api(apiUrl, 'POST', `/v1/projects/${projectId}/pipelines`, {
      token: owner.accessToken,
      body: {
        name: 'D',
        stages: [
          { type: 'deploy', name: 'x' },
          { type: 'deploy', name: 'x' },
        ],
      },
    });
    expect(duplicateNames.status).toBe(400);
    const list = await api(apiUrl, 'GET', `/v1/projects/${projectId}/pipelines`, { token: owner.accessToken });
    expect((list.body as { items: unknown[] }).items).toEqual([]);
  });
});
