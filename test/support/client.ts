import { randomBytes, randomUUID } from 'node:crypto';
import { AdminAddUserToGroupCommand, CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { inject } from 'vitest';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../scripts/local/aws-env.ts';
import { ADMINS_GROUP } from '../../scripts/local/cognito-pool.ts';

export { type PublishedEvent, readDeadLetters, readPublishedEvents } from './events.ts';
export { pollUntil } from './poll.ts';

export interface ApiResponse {
  status: number;
  headers: Headers;
  /** Parsed JSON for JSON content types, the text otherwise, undefined when empty. */
  // biome-ignore lint/suspicious/noExplicitAny: tests assert on arbitrary response shapes
  body: any;
  text: string;
}

export interface ApiOptions {
  /** Sent as `Authorization: Bearer <token>`. */
  token?: string;
  /** Serialized as JSON (with `content-type: application/json`). */
  body?: unknown;
  /** Sent verbatim instead of `body` (still `application/json` unless `headers` says otherwise). */
  rawBody?: string | Uint8Array;
  headers?: Record<string, string>;
}

/** One HTTP call to the API, as a client would make it. */
export async function api(
  apiUrl: string,
  method: string,
  path: string,
  options: ApiOptions = {},
): Promise<ApiResponse> {
  const headers: Record<string, string> = {};
  const payload = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  if (payload !== undefined) headers['content-type'] = 'application/json';
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  for (const [name, value] of Object.entries(options.headers ?? {})) headers[name.toLowerCase()] = value;

  const response = await fetch(`${apiUrl}${path}`, { method, headers, body: payload });
  const text = await response.text();
  const contentType = response.headers.get('content-type') ?? '';
  let body: unknown = text === '' ? undefined : text;
  if (text !== '' && /[/+]json\b/.test(contentType)) {
    try {
      body = JSON.parse(text);
    } catch {
      // Keep the text: a test asserting on it will show what came back.
    }
  }
  return { status: response.status, headers: response.headers, body, text };
}

export interface TestUser {
  userId: string;
  email: string;
  password: string;
  name: string;
  accessToken: string;
  idToken: string;
  refreshToken: string;
}

/** A password that satisfies PASSWORD_POLICY (all four character classes, 20 characters). */
export function strongPassword(): string {
  return `Aa1!${randomBytes(8).toString('hex')}`;
}

async function login(apiUrl: string, email: string, password: string) {
  const response = await api(apiUrl, 'POST', '/v1/auth/login', { body: { email, password } });
  if (response.status !== 200) throw new Error(`login failed: ${response.status} ${response.text}`);
  return response.body as { accessToken: string; idToken: string; refreshToken: string };
}

/**
 * A fresh account through the public API (POST /v1/auth/register, then /v1/auth/login):
 * unique email, policy-compliant password, and its tokens.
 */
export async function registerAndLogin(
  apiUrl: string,
  overrides: { name?: string; email?: string } = {},
): Promise<TestUser> {
  const email = overrides.email ?? `user-${randomUUID()}@example.com`;
  const password = strongPassword();
  const name = overrides.name ?? 'Test User';
  const registered = await api(apiUrl, 'POST', '/v1/auth/register', { body: { email, password, name } });
  if (registered.status !== 201) throw new Error(`register failed: ${registered.status} ${registered.text}`);
  const tokens = await login(apiUrl, email, password);
  return {
    userId: (registered.body as { id: string }).id,
    email: email.toLowerCase(),
    password,
    name,
    accessToken: tokens.accessToken,
    idToken: tokens.idToken,
    refreshToken: tokens.refreshToken,
  };
}

/**
 * Puts a user in the platform `admins` group (an operator action: there is no API for it)
 * and logs in again, since the group reaches the tokens only on the next login.
 */
export async function makeAdmin(apiUrl: string, user: TestUser): Promise<TestUser> {
  await withLocalCognito((cognito, userPoolId) =>
    cognito.send(
      new AdminAddUserToGroupCommand({ UserPoolId: userPoolId, Username: user.email, GroupName: ADMINS_GROUP }),
    ),
  );
  const tokens = await login(apiUrl, user.email, user.password);
  return { ...user, ...tokens };
}

/** Runs `action` with a client of the local stack's Cognito, as an operator would use it. */
export async function withLocalCognito<T>(
  action: (cognito: CognitoIdentityProviderClient, userPoolId: string, clientId: string) => Promise<T>,
): Promise<T> {
  const cognito = new CognitoIdentityProviderClient({
    endpoint: inject('endpoints').cognito,
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
  });
  try {
    const { userPoolId, userPoolClientId } = inject('resources');
    return await action(cognito, userPoolId, userPoolClientId);
  } finally {
    cognito.destroy();
  }
}
