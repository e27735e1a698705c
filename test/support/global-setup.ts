import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import type { LocalEndpoints, LocalResources } from '../../scripts/local/aws-env.ts';
import { parseLogLevel } from '../../scripts/local/log.ts';
import { startLocalStack } from '../../scripts/local/stack.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Base URL of the local API Gateway, e.g. `http://127.0.0.1:41234`. */
    apiUrl: string;
    /** The stack's data folder (events.jsonl and dlq.jsonl live under `eventbridge/`). */
    dataDir: string;
    /** Emulator endpoints, for tests that check stored state through the AWS SDK. */
    endpoints: LocalEndpoints;
    resources: LocalResources;
    /** The `iss` the local JWT authorizer accepts. */
    issuer: string;
  }
}

/**
 * Global setup of the integration project: one local stack for all test files, on a
 * fresh data folder and random ports, stopped and deleted after the run. Set
 * TRELLIS_LOG_LEVEL=DEBUG to see handler and emulator logs.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dataDir = await mkdtemp(join(tmpdir(), 'trellis-it-'));
  const logLevel = parseLogLevel(process.env.TRELLIS_LOG_LEVEL, 'WARN');
  // A quality-gate stage looks for its analysis every second, so tests that wait for one stay short.
  const stack = await startLocalStack({
    dataDir,
    port: 0,
    quiet: logLevel !== 'DEBUG',
    logLevel,
    qualityGatePollSeconds: 1,
  }).catch(async (error) => {
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  });
  project.provide('apiUrl', stack.apiUrl);
  project.provide('dataDir', dataDir);
  project.provide('endpoints', stack.endpoints);
  project.provide('resources', stack.resources);
  project.provide('issuer', stack.issuer);
  return async () => {
    await stack.stop();
    await rm(dataDir, { recursive: true, force: true });
  };
}
