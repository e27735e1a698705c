import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from './aws-env.ts';
import type { Logger } from './log.ts';
import { getFreePort } from './ports.ts';
import { type ManagedProcess, spawnManaged } from './processes.ts';
import { waitUntil } from './wait.ts';

export interface DynamoDbLocal {
  endpoint: string;
  pid: number;
  stop(): Promise<void>;
}

const STARTUP_TIMEOUT_MS = 60_000;

function emulatorDirectory(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('amplify-dynamodb-simulator/package.json')), 'emulator');
}

/**
 * Whether DynamoDB Local answers ListTables. A bare HTTP call rather than the SDK, so the
 * JVM can boot while the (slow to load) SDK modules are still being imported.
 */
async function answersListTables(endpoint: string): Promise<boolean> {
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.0',
      'x-amz-target': 'DynamoDB_20120810.ListTables',
      // DynamoDB Local parses the credential scope but checks no signature.
      authorization: `AWS4-HMAC-SHA256 Credential=${LOCAL_CREDENTIALS.accessKeyId}/20240101/${LOCAL_REGION}/dynamodb/aws4_request, SignedHeaders=host, Signature=0`,
    },
    body: '{"Limit":1}',
  });
  await response.arrayBuffer();
  return response.ok;
}

function launch(dataDir: string, port: number, log: Logger): ManagedProcess {
  const emulator = emulatorDirectory();
  const java = process.env.JAVA_HOME ? join(process.env.JAVA_HOME, 'bin', 'java') : 'java';
  const args = [
    // C1 only: ~1.5 s faster JVM start on a 2-core machine; peak speed does not matter locally.
    '-XX:TieredStopAtLevel=1',
    `-Djava.library.path=${join(emulator, 'DynamoDBLocal_lib')}`,
    '-jar',
    join(emulator, 'DynamoDBLocal.jar'),
    '-port',
    String(port),
    '-dbPath',
    dataDir,
    // One database file whatever the credentials and region, like one real table.
    '-sharedDb',
    '-disableTelemetry',
  ];
  return spawnManaged('dynamodb', java, args, { cwd: dataDir, log });
}

/**
 * Starts DynamoDB Local (AWS's own emulator, in Java) on `<dataDir>/dynamodb` and resolves
 * once it answers ListTables. It binds every interface and takes no port 0, so a random
 * free port is picked (and re-picked if another process grabs it first).
 */
export async function startDynamoDbLocal(options: {
  dataDir: string;
  port?: number;
  log: Logger;
}): Promise<DynamoDbLocal> {
  const dataDir = join(options.dataDir, 'dynamodb');
  await mkdir(dataDir, { recursive: true });
  const attempts = options.port ? 1 : 3;
  let lastError: unknown;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const port = options.port ?? (await getFreePort());
    const child = launch(dataDir, port, options.log);
    const endpoint = `http://127.0.0.1:${port}`;
    try {
      await waitUntil(`DynamoDB Local on port ${port}`, () => answersListTables(endpoint), {
        timeoutMs: STARTUP_TIMEOUT_MS,
        abort: () =>
          child.hasExited() ? new Error(`DynamoDB Local exited during start:\n${child.recentOutput()}`) : undefined,
      });
      return { endpoint, pid: child.pid, stop: () => child.stop() };
    } catch (error) {
      lastError = error;
      await child.stop();
    }
  }
  throw lastError;
}
