import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, inject } from 'vitest';
import { type ApiResponse, api, registerAndLogin, type TestUser } from './client.ts';
import { pollUntil } from './poll.ts';
import { createProject } from './projects.ts';

/**
 * The system under test's stand-in on loopback: a user API (GET /users/42), a login flow
 * (POST /login → token, GET /me with it), a route that fails its first request per path
 * (/flaky/<key>), routes whose status the test sets (/toggle/<key>), /slow, which answers
 * after `delayMs`, and /silent, which never answers (until the target is stopped).
 */
export class TargetServer {
  url = '';
  delayMs = 20;
  readonly toggles = new Map<string, number>();
  private readonly seen = new Set<string>();
  private server: Server | undefined;

  async start(): Promise<void> {
    const server = createServer((request, response) => {
      const path = request.url ?? '/';
      const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
        response.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
      request.resume();
      request.on('end', () => {
        if (request.method === 'GET' && path === '/users/42') {
          json(200, { id: 42, name: 'Ada', roles: ['admin', 'dev'] }, { 'x-version': '1.4.2' });
        } else if (request.method === 'POST' && path === '/login') {
          json(200, { token: 'tok-123' });
        } else if (request.method === 'GET' && path === '/me') {
          if (request.headers.authorization === 'Bearer tok-123') json(200, { name: 'Ada' });
          else json(401, { error: 'unauthorized' });
        } else if (path.startsWith('/flaky/')) {
          const first = !this.seen.has(path);
          this.seen.add(path);
          json(first ? 500 : 200, { first });
        } else if (path.startsWith('/toggle/')) {
          json(this.toggles.get(path.slice('/toggle/'.length)) ?? 200, {});
        } else if (path === '/slow') {
          setTimeout(() => json(200, { ok: true }), this.delayMs);
        } else if (path !== '/silent') {
          json(404, { error: 'not found' });
        }
      });
    });
    server.keepAliveTimeout = 30_000;
    this.server = server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  /** Closes the server, cutting the requests it holds (/silent's among them). */
  stop(): Promise<void> {
    this.server?.closeAllConnections();
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

/** A loopback URL nothing listens on: a port that was just free. */
export async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

/** A project and the user the helpers below act as. */
export interface OwnedProject {
  projectId: string;
  owner: TestUser;
}

/** Creates a project owned by `owner` (by default a new account) under a random key starting with `keyPrefix`. */
export async function ownedProject(name: string, keyPrefix: string, owner?: TestUser): Promise<OwnedProject> {
  const apiUrl = inject('apiUrl');
  const user = owner ?? (await registerAndLogin(apiUrl));
  return { projectId: await createProject(apiUrl, user, name, keyPrefix), owner: user };
}

/** A request to the project's API (`path` after `/v1/projects/<id>`) as its owner. */
export function projectApi(
  p: OwnedProject,
  method: string,
  path: string,
  options: { body?: unknown; headers?: Record<string, string> } = {},
): Promise<ApiResponse> {
  return api(inject('apiUrl'), method, `/v1/projects/${p.projectId}${path}`, {
    token: p.owner.accessToken,
    ...options,
  });
}

/** POSTs `body` to the project's `path`, expects `status`, and answers the `id` of what it created. */
export async function postedId(p: OwnedProject, path: string, body: unknown, status = 201): Promise<string> {
  const response = await projectApi(p, 'POST', path, { body });
  expect(response.status, response.text).toBe(status);
  return (response.body as { id: string }).id;
}

/** Creates an environment at `url` with a webhook deploy target (`<url>/deploy`); answers its id. */
export function createEnvironment(p: OwnedProject, url: string): Promise<string> {
  const name = `env-${Math.random().toString(36).slice(2, 8)}`;
  const deployTarget = { type: 'webhook', url: `${url}/deploy` };
  return postedId(p, '/environments', { name, url, deployTarget });
}

/** Creates a test case; answers its id. */
export function createTestCase(p: OwnedProject, body: Record<string, unknown>): Promise<string> {
  return postedId(p, '/test-cases', body);
}

/** Creates a suite of `caseIds`; answers its id. */
export function createSuite(p: OwnedProject, caseIds: string[], name = 'Suite'): Promise<string> {
  return postedId(p, '/test-suites', { name, caseIds });
}

/** POST .../test-runs, whatever the answer. */
export function startTestRun(
  p: OwnedProject,
  body: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<ApiResponse> {
  return projectApi(p, 'POST', '/test-runs', { body, headers });
}

/** Starts a run (expects 202, queued); answers its id. */
export async function startedRunId(p: OwnedProject, body: Record<string, unknown>): Promise<string> {
  const started = await startTestRun(p, body);
  expect(started.status, started.text).toBe(202);
  expect(started.body.status).toBe('queued');
  return started.body.id as string;
}

/** GET .../test-runs/<id> (expects 200): the run as the API shows it, typed as the test needs it. */
export async function getTestRun<Run>(p: OwnedProject, runId: string): Promise<Run> {
  const response = await projectApi(p, 'GET', `/test-runs/${runId}`);
  expect(response.status, response.text).toBe(200);
  return response.body as Run;
}

/** The statuses a run ends in on its own. */
export const FINISHED_RUN_STATUSES = ['passed', 'failed', 'errored'];

/** Polls the run until its status is one of `statuses` (by default: until it finishes). */
export function runReaching<Run extends { status: string }>(
  p: OwnedProject,
  runId: string,
  statuses: readonly string[] = FINISHED_RUN_STATUSES,
  timeoutMs = 45_000,
): Promise<Run> {
  return pollUntil(
    () => getTestRun<Run>(p, runId),
    (run) => statuses.includes(run.status),
    { timeoutMs, intervalMs: 200, description: `test run ${runId} to be ${statuses.join('|')}` },
  );
}

/** Starts a run (expects 202, queued) and waits for it to finish. */
export async function finishedRun<Run extends { status: string }>(
  p: OwnedProject,
  body: Record<string, unknown>,
  timeoutMs?: number,
): Promise<Run> {
  return runReaching<Run>(p, await startedRunId(p, body), FINISHED_RUN_STATUSES, timeoutMs);
}
