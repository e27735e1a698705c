import { describe, expect, inject, it } from 'vitest';
import { api, pollUntil, readPublishedEvents, registerAndLogin, type TestUser } from '../support/client.ts';
import { addMember } from '../support/projects.ts';

const apiUrl = inject('apiUrl');
const dataDir = inject('dataDir');

/** A project key no other test run uses (keys are unique platform-wide). */
function uniqueKey(prefix = 'P'): string {
  return `${prefix}${Date.now().toString(36).toUpperCase().slice(-5)}${Math.floor(Math.random() * 1000)}`.slice(0, 10);
}

async function createProject(owner: TestUser, body: Record<string, unknown> = {}) {
  const response = await api(apiUrl, 'POST', '/v1/projects', {
    token: owner.accessToken,
    body: { name: 'Difference Engine', key: uniqueKey(), ...body },
  });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body as { id: string; key: string; version: number };
}

describe('accounts', () => {
  it('registers, logs in, refreshes and reads the profile', async () => {
    const user = await registerAndLogin(apiUrl, { name: 'Ada Lovelace' });
    const me = await api(apiUrl, 'GET', '/v1/me', { token: user.accessToken });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ id: user.userId, name: 'Ada Lovelace', email: user.email });

    const refreshed = await api(apiUrl, 'POST', '/v1/auth/refresh', { body: { refreshToken: user.refreshToken } });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body).toMatchObject({ tokenType: 'Bearer', accessToken: expect.any(String) });
    const again = await api(apiUrl, 'GET', '/v1/me', {
      token: (refreshed.body as { accessToken: string }).accessToken,
    });
    expect(again.status).toBe(200);

    const renamed = await api(apiUrl, 'PATCH', '/v1/me', { token: user.accessToken, body: { name: 'Countess' } });
    expect(renamed.status).toBe(200);
    expect((await api(apiUrl, 'GET', '/v1/me', { token: user.accessToken })).body).toMatchObject({ name: 'Countess' });
  });

  it('refuses a second account with the same email (any case) with 409', async () => {
    const user = await registerAndLogin(apiUrl);
    const again = await api(apiUrl, 'POST', '/v1/auth/register', {
      body: { email: user.email.toUpperCase(), password: user.password, name: 'Copycat' },
    });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'EMAIL_TAKEN' });
  });

  it('refuses a weak password with 400 naming the rule, and creates nothing', async () => {
    const email = `weak-${Date.now()}@example.com`;
    const response = await api(apiUrl, 'POST', '/v1/auth/register', {
      body: { email, password: 'alllowercase', name: 'Weak' },
    });
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body)).toContain('requireUppercase');
    const login = await api(apiUrl, 'POST', '/v1/auth/login', { body: { email, password: 'alllowercase' } });
    expect(login.status).toBe(401);
  });

  it('answers a wrong password and an unknown email alike with 401', async () => {
    const user = await registerAndLogin(apiUrl);
    const wrong = await api(apiUrl, 'POST', '/v1/auth/login', {
      body: { email: user.email, password: 'Wrong-Pass-123!' },
    });
    const unknown = await api(apiUrl, 'POST', '/v1/auth/login', {
      body: { email: `nobody-${Date.now()}@example.com`, password: 'Wrong-Pass-123!' },
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect((wrong.body as { code: string }).code).toBe((unknown.body as { code: string }).code);
  });

  it('shows a user their own email but hides it from others', async () => {
    const [alice, bob] = await Promise.all([registerAndLogin(apiUrl), registerAndLogin(apiUrl)]);
    const asOther = await api(apiUrl, 'GET', `/v1/users/${bob.userId}`, { token: alice.accessToken });
    const asSelf = await api(apiUrl, 'GET', `/v1/users/${bob.userId}`, { token: bob.accessToken });
    expect(asOther.status).toBe(200);
    expect(asOther.body).not.toHaveProperty('email');
    expect(asSelf.body).toMatchObject({ email: bob.email });
  });
});

describe('projects and members', () => {
  it('lets a member see the project and an outsider nothing of it', async () => {
    const [alice, bob, carol] = await Promise.all([
      registerAndLogin(apiUrl),
      registerAndLogin(apiUrl),
      registerAndLogin(apiUrl),
    ]);
    const project = await createProject(alice, {
      description: 'first',
      repository: { url: 'https://git.example.com/de.git', defaultBranch: 'main' },
    });
    const projectPath = `/v1/projects/${project.id}`;

    await addMember(apiUrl, project.id, alice, 'developer', bob);
    const members = await api(apiUrl, 'GET', `${projectPath}/members`, { token: bob.accessToken });
    expect(members.body.items).toEqual(
      expect.arrayContaining([expect.objectContaining({ userId: bob.userId, role: 'developer', name: bob.name })]),
    );

    const bobsList = await api(apiUrl, 'GET', '/v1/projects', { token: bob.accessToken });
    expect(bobsList.status).toBe(200);
    expect((bobsList.body as { items: { id: string; role: string }[] }).items).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: project.id, role: 'developer' })]),
    );
    const asBob = await api(apiUrl, 'GET', projectPath, { token: bob.accessToken });
    expect(asBob.status).toBe(200);
    expect(asBob.body).toMatchObject({ key: project.key, role: 'developer', repository: { defaultBranch: 'main' } });

    // Carol is not a member: the project and everything under it do not exist for her.
    const outsiderCalls: Array<[string, string, unknown?]> = [
      ['GET', projectPath],
      ['PATCH', projectPath, { name: 'Hijacked' }],
      ['DELETE', projectPath],
      ['GET', `${projectPath}/members`],
      ['PUT', `${projectPath}/members/${carol.userId}`, { role: 'owner' }],
      ['DELETE', `${projectPath}/members/${bob.userId}`],
    ];
    for (const [method, path, body] of outsiderCalls) {
      const response = await api(apiUrl, method, path, { token: carol.accessToken, body });
      expect(response.status, `${method} ${path}`).toBe(404);
      expect(response.body).toMatchObject({ code: 'PROJECT_NOT_FOUND' });
    }
    expect((await api(apiUrl, 'GET', projectPath, { token: alice.accessToken })).body).toMatchObject({
      name: 'Difference Engine',
    });
    const carolsList = await api(apiUrl, 'GET', '/v1/projects', { token: carol.accessToken });
    expect((carolsList.body as { items: unknown[] }).items).toEqual([]);
  });

  it('refuses a project key that is taken with 409', async () => {
    const [alice, bob] = await Promise.all([registerAndLogin(apiUrl), registerAndLogin(apiUrl)]);
    const project = await createProject(alice);
    const clash = await api(apiUrl, 'POST', '/v1/projects', {
      token: bob.accessToken,
      body: { name: 'Other', key: project.key },
    });
    expect(clash.status).toBe(409);
    expect(clash.body).toMatchObject({ code: 'PROJECT_KEY_TAKEN' });
  });

  it('keeps at least one owner and lets only owners grant owner', async () => {
    const [alice, bob, carol] = await Promise.all([
      registerAndLogin(apiUrl),
      registerAndLogin(apiUrl),
      registerAndLogin(apiUrl),
    ]);
    const { id: projectId } = await createProject(alice);
    const members = `/v1/projects/${projectId}/members`;

    expect(
      (
        await api(apiUrl, 'PUT', `${members}/${alice.userId}`, {
          token: alice.accessToken,
          body: { role: 'maintainer' },
        })
      ).body,
    ).toMatchObject({ code: 'LAST_OWNER' });
    expect((await api(apiUrl, 'DELETE', `${members}/${alice.userId}`, { token: alice.accessToken })).status).toBe(409);

    await addMember(apiUrl, projectId, alice, 'maintainer', bob);
    const grant = await api(apiUrl, 'POST', `/v1/projects/${projectId}/invitations`, {
      token: bob.accessToken,
      body: { email: carol.email, role: 'owner' },
    });
    expect(grant.status).toBe(403);
    expect(grant.body).toMatchObject({ code: 'OWNER_REQUIRED' });
    const demoteOwner = await api(apiUrl, 'PUT', `${members}/${alice.userId}`, {
      token: bob.accessToken,
      body: { role: 'viewer' },
    });
    expect(demoteOwner.status).toBe(403);
    await addMember(apiUrl, projectId, bob, 'viewer', carol);

    // With a second owner, the first may step down.
    expect(
      (await api(apiUrl, 'PUT', `${members}/${bob.userId}`, { token: alice.accessToken, body: { role: 'owner' } }))
        .status,
    ).toBe(200);
    expect((await api(apiUrl, 'DELETE', `${members}/${alice.userId}`, { token: alice.accessToken })).status).toBe(204);
    expect((await api(apiUrl, 'GET', `/v1/projects/${projectId}`, { token: alice.accessToken })).status).toBe(404);

    // Viewers may leave on their own, but not remove others.
    expect((await api(apiUrl, 'DELETE', `${members}/${bob.userId}`, { token: carol.accessToken })).status).toBe(403);
    expect((await api(apiUrl, 'DELETE', `${members}/${carol.userId}`, { token: carol.accessToken })).status).toBe(204);

    const list = await api(apiUrl, 'GET', members, { token: bob.accessToken });
    expect((list.body as { items: { userId: string; role: string }[] }).items.map((m) => [m.userId, m.role])).toEqual([
      [bob.userId, 'owner'],
    ]);
  });

  it('updates with optimistic concurrency through If-Match', async () => {
    const alice = await registerAndLogin(apiUrl);
    const { id: projectId } = await createProject(alice, { description: 'to be cleared' });
    const path = `/v1/projects/${projectId}`;
    const current = await api(apiUrl, 'GET', path, { token: alice.accessToken });
    expect(current.headers.get('etag')).toBe('"1"');

    const updated = await api(apiUrl, 'PATCH', path, {
      token: alice.accessToken,
      headers: { 'if-match': '"1"' },
      body: { name: 'Analytical Engine', description: null },
    });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ name: 'Analytical Engine', version: 2 });
    expect(updated.body).not.toHaveProperty('description');

    const stale = await api(apiUrl, 'PATCH', path, {
      token: alice.accessToken,
      headers: { 'if-match': '"1"' },
      body: { name: 'Lost update' },
    });
    expect(stale.status).toBe(412);
    expect((await api(apiUrl, 'GET', path, { token: alice.accessToken })).body).toMatchObject({
      name: 'Analytical Engine',
    });
  });

  it("pages through the caller's projects with cursors bound to the caller", async () => {
    const [alice, bob] = await Promise.all([registerAndLogin(apiUrl), registerAndLogin(apiUrl)]);
    const created = [];
    for (let i = 0; i < 3; i++) created.push((await createProject(alice)).id);

    const first = await api(apiUrl, 'GET', '/v1/projects?limit=2', { token: alice.accessToken });
    const firstPage = first.body as { items: { id: string }[]; nextCursor: string };
    expect(firstPage.items).toHaveLength(2);
    expect(firstPage.nextCursor).toEqual(expect.any(String));
    const second = await api(apiUrl, 'GET', `/v1/projects?limit=2&cursor=${firstPage.nextCursor}`, {
      token: alice.accessToken,
    });
    const secondPage = second.body as { items: { id: string }[]; nextCursor: string | null };
    const seen = [...firstPage.items, ...secondPage.items].map((item) => item.id);
    expect(seen.sort()).toEqual(created.sort());

    const stolen = await api(apiUrl, 'GET', `/v1/projects?cursor=${firstPage.nextCursor}`, { token: bob.accessToken });
    expect(stolen.status).toBe(400);
    expect(stolen.body).toMatchObject({ code: 'INVALID_CURSOR' });
  });

  it('deletes a project for its owner only, and its members lose it', async () => {
    const [alice, bob] = await Promise.all([registerAndLogin(apiUrl), registerAndLogin(apiUrl)]);
    const project = await createProject(alice);
    const path = `/v1/projects/${project.id}`;
    await addMember(apiUrl, project.id, alice, 'maintainer', bob);
    expect((await api(apiUrl, 'DELETE', path, { token: bob.accessToken })).status).toBe(403);
    expect((await api(apiUrl, 'DELETE', path, { token: alice.accessToken })).status).toBe(204);
    expect((await api(apiUrl, 'GET', path, { token: alice.accessToken })).status).toBe(404);
    const bobsList = await api(apiUrl, 'GET', '/v1/projects', { token: bob.accessToken });
    expect((bobsList.body as { items: { id: string }[] }).items.map((p) => p.id)).not.toContain(project.id);
    // The key is free again.
    const reuse = await api(apiUrl, 'POST', '/v1/projects', {
      token: bob.accessToken,
      body: { name: 'Reborn', key: project.key },
    });
    expect(reuse.status).toBe(201);
  });

  it("publishes domain events with the envelope and the caller's correlation id", async () => {
    const [alice, bob] = await Promise.all([registerAndLogin(apiUrl), registerAndLogin(apiUrl)]);
    const correlationId = `corr-${Date.now()}`;
    const created = await api(apiUrl, 'POST', '/v1/projects', {
      token: alice.accessToken,
      headers: { 'x-correlation-id': correlationId },
      body: { name: 'Evented', key: uniqueKey('E') },
    });
    const { id: projectId } = created.body as { id: string };
    const members = `/v1/projects/${projectId}/members`;
    await addMember(apiUrl, projectId, alice, 'viewer', bob);
    await api(apiUrl, 'PUT', `${members}/${bob.userId}`, { token: alice.accessToken, body: { role: 'developer' } });
    await api(apiUrl, 'DELETE', `${members}/${bob.userId}`, { token: alice.accessToken });
    await api(apiUrl, 'PATCH', `/v1/projects/${projectId}`, { token: alice.accessToken, body: { name: 'Renamed' } });
    await api(apiUrl, 'DELETE', `/v1/projects/${projectId}`, { token: alice.accessToken });

    const events = await pollUntil(
      async () => (await readPublishedEvents(dataDir)).filter((event) => event.detail?.projectId === projectId),
      (found) => found.length >= 8,
    );
    expect(events.map((event) => event['detail-type'])).toEqual([
      'Project Created',
      'Invitation Created',
      'Invitation Accepted',
      'Member Added',
      'Member Role Changed',
      'Member Removed',
      'Project Updated',
      'Project Deleted',
    ]);
    expect(events[0]).toMatchObject({
      source: 'trellis.projects',
      detail: { projectId, correlationId, actor: { userId: alice.userId }, data: { name: 'Evented' } },
    });
    expect(events[4]?.detail.data).toMatchObject({ userId: bob.userId, from: 'viewer', to: 'developer' });
    expect(events.every((event) => typeof event.detail.eventId === 'string' && event.detail.occurredAt)).toBe(true);
  });
});
