import { describe, expect, inject, it } from 'vitest';
import { api, registerAndLogin } from '../support/client.ts';

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
