import { randomUUID } from 'node:crypto';
import { AdminConfirmSignUpCommand, SignUpCommand } from '@aws-sdk/client-cognito-identity-provider';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import {
  api,
  makeAdmin,
  registerAndLogin,
  strongPassword,
  type TestUser,
  withLocalCognito,
} from '../support/client.ts';
import { addMember, createProject } from '../support/projects.ts';

const apiUrl = inject('apiUrl');

describe('logout', () => {
  it('revokes the refresh token: refreshing with it answers 401, other sessions keep theirs', async () => {
    // Prepare: one account signed in twice.
    const user = await registerAndLogin(apiUrl);
    const other = await api(apiUrl, 'POST', '/v1/auth/login', { body: { email: user.email, password: user.password } });
    expect(other.status).toBe(200);

    // Act
    const logout = await api(apiUrl, 'POST', '/v1/auth/logout', { body: { refreshToken: user.refreshToken } });

    // Assess
    expect(logout.status, logout.text).toBe(204);
    const refreshed = await api(apiUrl, 'POST', '/v1/auth/refresh', { body: { refreshToken: user.refreshToken } });
    expect(refreshed.status).toBe(401);
    expect(refreshed.body).toMatchObject({ code: 'INVALID_REFRESH_TOKEN' });
    const otherSession = await api(apiUrl, 'POST', '/v1/auth/refresh', {
      body: { refreshToken: (other.body as { refreshToken: string }).refreshToken },
    });
    expect(otherSession.status).toBe(200);
  });

  it('answers 204 again for a token already revoked, so a lost answer can be retried', async () => {
    const user = await registerAndLogin(apiUrl);
    expect((await api(apiUrl, 'POST', '/v1/auth/logout', { body: { refreshToken: user.refreshToken } })).status).toBe(
      204,
    );
    const again = await api(apiUrl, 'POST', '/v1/auth/logout', { body: { refreshToken: user.refreshToken } });
    expect(again.status, again.text).toBe(204);
  });
});

describe('deleting a user (admins)', () => {
  let admin: TestUser;

  beforeAll(async () => {
    admin = await makeAdmin(apiUrl, await registerAndLogin(apiUrl));
  });

  it('removes memberships, profile and login; the email then registers cleanly with a profile', async () => {
    // Prepare: a member of someone else's project.
    const owner = await registerAndLogin(apiUrl);
    const projectId = await createProject(apiUrl, owner, 'Deletion', 'DU');
    const user = await addMember(apiUrl, projectId, owner, 'developer');

    // Act
    const deleted = await api(apiUrl, 'DELETE', `/v1/users/${user.userId}`, { token: admin.accessToken });

    // Assess
    expect(deleted.status, deleted.text).toBe(204);
    expect((await api(apiUrl, 'GET', `/v1/users/${user.userId}`, { token: owner.accessToken })).status).toBe(404);
    const members = await api(apiUrl, 'GET', `/v1/projects/${projectId}/members`, { token: owner.accessToken });
    expect((members.body as { items: Array<{ userId: string }> }).items.map((member) => member.userId)).toEqual([
      owner.userId,
    ]);
    const login = await api(apiUrl, 'POST', '/v1/auth/login', { body: { email: user.email, password: user.password } });
    expect(login.status).toBe(401);
    const refreshed = await api(apiUrl, 'POST', '/v1/auth/refresh', { body: { refreshToken: user.refreshToken } });
    expect(refreshed.status).toBe(401);

    const again = await registerAndLogin(apiUrl, { email: user.email, name: 'Back Again' });
    expect(again.userId).not.toBe(user.userId);
    const me = await api(apiUrl, 'GET', '/v1/me', { token: again.accessToken });
    expect(me.status, me.text).toBe(200);
    expect(me.body).toMatchObject({ id: again.userId, email: user.email, name: 'Back Again' });
  });

  it('refuses with 409 naming the projects the user is the last owner of, and deletes nothing', async () => {
    const owner = await registerAndLogin(apiUrl);
    const projectId = await createProject(apiUrl, owner, 'Sole owner', 'SO');
    const project = await api(apiUrl, 'GET', `/v1/projects/${projectId}`, { token: owner.accessToken });

    const deleted = await api(apiUrl, 'DELETE', `/v1/users/${owner.userId}`, { token: admin.accessToken });

    expect(deleted.status).toBe(409);
    expect(deleted.body).toMatchObject({ code: 'LAST_OWNER' });
    expect((deleted.body as { detail: string }).detail).toContain((project.body as { key: string }).key);
    expect((await api(apiUrl, 'GET', '/v1/me', { token: owner.accessToken })).status).toBe(200);
    expect((await api(apiUrl, 'GET', `/v1/projects/${projectId}`, { token: owner.accessToken })).status).toBe(200);
  });

  it('is for admins only: anyone else gets 403 and the user stays', async () => {
    const [caller, target] = await Promise.all([registerAndLogin(apiUrl), registerAndLogin(apiUrl)]);

    const deleted = await api(apiUrl, 'DELETE', `/v1/users/${target.userId}`, { token: caller.accessToken });

    expect(deleted.status).toBe(403);
    expect(deleted.body).toMatchObject({ code: 'ADMIN_REQUIRED' });
    expect((await api(apiUrl, 'GET', '/v1/me', { token: target.accessToken })).status).toBe(200);
  });

  it('answers 404 for a user that does not exist', async () => {
    const deleted = await api(apiUrl, 'DELETE', `/v1/users/${randomUUID()}`, { token: admin.accessToken });
    expect(deleted.status).toBe(404);
  });
});

describe('registration', () => {
  it('completes an email whose earlier attempt left a login without a profile', async () => {
    // Prepare: what a registration that died after Cognito and before the profile leaves behind.
    const email = `leftover-${randomUUID()}@example.com`;
    await withLocalCognito(async (cognito, userPoolId, clientId) => {
      await cognito.send(
        new SignUpCommand({
          ClientId: clientId,
          Username: email,
          Password: strongPassword(),
          UserAttributes: [{ Name: 'email', Value: email }],
        }),
      );
      await cognito.send(new AdminConfirmSignUpCommand({ UserPoolId: userPoolId, Username: email }));
    });

    // Act
    const user = await registerAndLogin(apiUrl, { email, name: 'Second Try' });

    // Assess: 201 (registerAndLogin checks it), the new password signs in, and there is a profile.
    const me = await api(apiUrl, 'GET', '/v1/me', { token: user.accessToken });
    expect(me.status, me.text).toBe(200);
    expect(me.body).toMatchObject({ id: user.userId, email, name: 'Second Try' });
  });
});
