import { describe, expect, inject, it } from 'vitest';
import { api, registerAndLogin, type TestUser } from '../support/client.ts';
import { createProject } from '../support/projects.ts';

const apiUrl = inject('apiUrl');

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
});
