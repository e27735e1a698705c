import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../local/aws-env.ts';
import { startLocalStack } from '../local/stack.ts';
import { LAMBDA_BUILD_OPTIONS } from './bundle-size.ts';
import type { ClientConfig, ClientResult } from './local-latency.client.ts';
import { OUT_DIR, REPO_ROOT } from './targets.ts';

const run = promisify(execFile);

/** Target: through the gateway, p50 is at most this multiple of a direct GetItem's. */
export const LATENCY_RATIO_TARGET = 2;

export interface LocalLatencyResult {
  byConcurrency: ClientResult;
  requests: number;
  blocks: number;
  warmupRequests: number;
  stackStartupMs: number;
}

export interface LocalLatencyOptions {
  concurrencies: number[];
  requests: number;
  blocks: number;
  warmupRequests: number;
}

/**
 * Starts the local stack on a temporary data folder, creates a user and a project through
 * the API, then runs the load generator in its own process against the gateway and directly
 * against the same DynamoDB Local. The stack is always stopped and the folder removed.
 */
export async function measureLocalLatency(options: LocalLatencyOptions): Promise<LocalLatencyResult> {
  const dir = join(OUT_DIR, 'local-latency');
  const client = join(dir, 'client.mjs');
  await build({
    ...LAMBDA_BUILD_OPTIONS,
    entryPoints: [join(REPO_ROOT, 'scripts/bench/local-latency.client.ts')],
    outfile: client,
  });

  const dataDir = await mkdtemp(join(tmpdir(), 'trellis-bench-'));
  const stack = await startLocalStack({ dataDir, quiet: true, logLevel: 'WARN' });
  try {
    const { accessToken, userId, projectId } = await seed(stack.apiUrl);
    const config: ClientConfig = {
      apiUrl: stack.apiUrl,
      accessToken,
      projectId,
      userId,
      dynamodbEndpoint: stack.endpoints.dynamodb,
      tableName: stack.resources.tableName,
      region: LOCAL_REGION,
      credentials: { ...LOCAL_CREDENTIALS },
      ...options,
    };
    const configFile = join(dir, 'config.json');
    const resultFile = join(dir, 'result.json');
    await writeFile(configFile, JSON.stringify(config));
    await run(process.execPath, [client, configFile, resultFile], {
      env: { PATH: process.env.PATH, HOME: process.env.HOME },
    });
    return {
      byConcurrency: JSON.parse(await readFile(resultFile, 'utf8')) as ClientResult,
      stackStartupMs: stack.startupMs,
      ...options,
    };
  } finally {
    await stack.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** Registers and logs in a user, and creates the project the benchmark reads. */
async function seed(apiUrl: string): Promise<{ accessToken: string; userId: string; projectId: string }> {
  const email = 'bench@example.com';
  const password = 'Bench-password-1';
  const user = await call<{ id: string }>(apiUrl, 'POST', '/v1/auth/register', { email, password, name: 'Bench' });
  const tokens = await call<{ accessToken: string }>(apiUrl, 'POST', '/v1/auth/login', { email, password });
  const project = await call<{ id: string }>(
    apiUrl,
    'POST',
    '/v1/projects',
    { name: 'Benchmark project', key: 'BENCH' },
    tokens.accessToken,
  );
  return { accessToken: tokens.accessToken, userId: user.id, projectId: project.id };
}

async function call<T>(apiUrl: string, method: string, path: string, body: unknown, token?: string): Promise<T> {
  const response = await fetch(`${apiUrl}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
  return JSON.parse(text) as T;
}
