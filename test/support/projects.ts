import { expect } from 'vitest';
import { type ApiResponse, api, registerAndLogin, type TestUser } from './client.ts';

/** A project key no other test uses (keys are unique platform-wide): `prefix` and `length` random characters. */
export function randomProjectKey(prefix: string, length = 7): string {
  return `${prefix}${Math.random()
    .toString(36)
    .slice(2, 2 + length)
    .toUpperCase()}`;
}

/** Creates a project owned by `owner` under a random key starting with `keyPrefix`; answers its id. */
export async function createProject(
  apiUrl: string,
  owner: TestUser,
  name: string,
  keyPrefix: string,
  keyLength?: number,
): Promise<string> {
  const response = await api(apiUrl, 'POST', '/v1/projects', {
    token: owner.accessToken,
    body: { name, key: randomProjectKey(keyPrefix, keyLength) },
  });
  expect(response.status, response.text).toBe(201);
  return (response.body as { id: string }).id;
}

/**
 * Makes `user` (by default a new account) a member of the project with `role`, the way people
 * join: `inviter` (the project's owner, or a maintainer for roles below owner) invites their
 * email and they accept. Answers the user.
 */
export async function addMember(
  apiUrl: string,
  projectId: string,
  inviter: TestUser,
  role: string,
  user?: TestUser,
): Promise<TestUser> {
  const member = user ?? (await registerAndLogin(apiUrl));
  const invited = await api(apiUrl, 'POST', `/v1/projects/${projectId}/invitations`, {
    token: inviter.accessToken,
    body: { email: member.email, role },
  });
  expect(invited.status, invited.text).toBe(201);
  const accepted = await api(apiUrl, 'POST', `/v1/me/invitations/${(invited.body as { id: string }).id}/accept`, {
    token: member.accessToken,
  });
  expect(accepted.status, accepted.text).toBe(200);
  return member;
}

/** POST .../test-runs/imports with a JUnit report as the body; `query` starts with `?` when given. */
export function importJUnit(
  apiUrl: string,
  projectId: string,
  user: TestUser,
  xml: string,
  options: { query?: string; contentType?: string } = {},
): Promise<ApiResponse> {
  return api(apiUrl, 'POST', `/v1/projects/${projectId}/test-runs/imports${options.query ?? ''}`, {
    token: user.accessToken,
    rawBody: xml,
    headers: { 'content-type': options.contentType ?? 'application/xml' },
  });
}

/** Imports a JUnit report (expects 201) and answers the run it became. */
export async function importedRun<Run = { id: string }>(
  apiUrl: string,
  projectId: string,
  user: TestUser,
  xml: string,
  query = '',
): Promise<Run> {
  const response = await importJUnit(apiUrl, projectId, user, xml, { query });
  expect(response.status, response.text).toBe(201);
  return response.body as Run;
}
