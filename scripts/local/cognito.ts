import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startCognitoFidelityProxy } from './cognito-fidelity.ts';
import type { Logger } from './log.ts';
import { getFreePort } from './ports.ts';
import { type ManagedProcess, spawnManaged } from './processes.ts';
import { waitUntil } from './wait.ts';

export interface CognitoLocal {
  endpoint: string;
  pid: number;
  /** The `iss` claim of tokens for a pool; also where its JWKS lives (`<iss>/.well-known/jwks.json`). */
  issuer(userPoolId: string): string;
  stop(): Promise<void>;
}

const STARTUP_TIMEOUT_MS = 30_000;

function cognitoLocalBin(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('cognito-local/package.json')), 'lib', 'bin', 'start.js');
}

/**
 * Pins the token issuer in cognito-local's config (`.cognito/config.json`) to the proxy's
 * URL; left alone it would derive it from its own HOST/PORT.
 */
async function writeIssuerConfig(workDir: string, issuerDomain: string): Promise<void> {
  const configDir = join(workDir, '.cognito');
  await mkdir(configDir, { recursive: true });
  const file = join(configDir, 'config.json');
  let config: Record<string, unknown> = {};
  try {
    config = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
  } catch {
    // No config yet.
  }
  const tokenConfig = (config.TokenConfig ?? {}) as Record<string, unknown>;
  config.TokenConfig = { ...tokenConfig, IssuerDomain: issuerDomain };
  await writeFile(file, `${JSON.stringify(config, null, 2)}\n`);
}

function launch(workDir: string, port: number, log: Logger): ManagedProcess {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    // cognito-local uses the v2 SDK (for Lambda triggers); silence its end-of-support notice.
    AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE: '1',
  };
  delete env.COGNITO_LOCAL_DEVMODE;
  // Our own Node (22), not whatever `node` the bin's shebang finds first on PATH; its store
  // writes made atomic and ordered (see cognito-atomic-writes.cjs).
  const atomicWrites = fileURLToPath(new URL('./cognito-atomic-writes.cjs', import.meta.url));
  return spawnManaged('cognito', process.execPath, ['--require', atomicWrites, cognitoLocalBin()], {
    cwd: workDir,
    env,
    log,
  });
}

/**
 * Starts cognito-local as a child process with its state in `<dataDir>/cognito/.cognito`
 * (it keeps state under its working directory), on 127.0.0.1, behind the fidelity proxy
 * (see cognito-fidelity.ts). The proxy is the endpoint (on `port` if given) and the
 * issuer's domain, so `<iss>/.well-known/jwks.json` works as it does on Cognito.
 */
export async function startCognitoLocal(options: {
  dataDir: string;
  port?: number;
  log: Logger;
}): Promise<CognitoLocal> {
  const workDir = join(options.dataDir, 'cognito');
  const proxy = await startCognitoFidelityProxy({ port: options.port, log: options.log });
  await writeIssuerConfig(workDir, proxy.endpoint);
  let lastError: unknown;
  for (let attempt = 1; attempt <= 3; attempt++) {
    const port = await getFreePort();
    const direct = `http://127.0.0.1:${port}`;
    const child = launch(workDir, port, options.log);
    try {
      await waitUntil(`cognito-local on port ${port}`, async () => (await fetch(`${direct}/health`)).ok, {
        timeoutMs: STARTUP_TIMEOUT_MS,
        abort: () =>
          child.hasExited() ? new Error(`cognito-local exited during start:\n${child.recentOutput()}`) : undefined,
      });
      proxy.setTarget(direct);
      return {
        endpoint: proxy.endpoint,
        pid: child.pid,
        issuer: (userPoolId) => `${proxy.endpoint}/${userPoolId}`,
        async stop() {
          await proxy.stop();
          await child.stop();
        },
      };
    } catch (error) {
      lastError = error;
      await child.stop();
    }
  }
  await proxy.stop();
  throw lastError;
}
