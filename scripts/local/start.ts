/**
 * `npm start`: the whole platform on this machine. Configuration by environment:
 *   TRELLIS_DATA_DIR  state folder (default `.trellis` in the working directory)
 *   PORT              API port (default 3000; 0 picks a free one)
 *   DYNAMODB_PORT, S3_PORT, COGNITO_PORT, EVENTBRIDGE_PORT, STEPFUNCTIONS_PORT, KMS_PORT   emulator ports (default: free ones)
 *   TRELLIS_LOG_LEVEL handler log level, DEBUG also shows emulator output (default WARN)
 *   QUALITY_GATE_POLL_SECONDS  how often a quality-gate stage looks for its analysis (default 10)
 * Prints `API http://127.0.0.1:<port>` once it serves requests; SIGINT/SIGTERM stop it all.
 */
import { resolve } from 'node:path';
import { watchLauncher } from './launcher-watch.ts';
import { createLogger, parseLogLevel } from './log.ts';
import { type LocalStack, startLocalStack } from './stack.ts';

const log = createLogger('INFO');

function portFromEnv(name: string, fallback?: number): number | undefined {
  const value = process.env[name];
  if (value === undefined || value === '') return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new Error(`${name} must be a port number, got ${JSON.stringify(value)}`);
  }
  return port;
}

let stack: LocalStack | undefined;
let shuttingDownSince: number | undefined;

/**
 * One Ctrl+C reaches us more than once: the terminal signals the whole foreground process
 * group, and npm relays the signal it got to its child as well. (We run as `node --import tsx`,
 * not through the tsx CLI: its parent process SIGKILLs the child and exits 130 when the child
 * does not acknowledge a relayed signal within 30 ms, which a loaded machine misses.) Copies that
 * arrive within this window are that one keypress; a later signal is a second Ctrl+C.
 */
const SAME_KEYPRESS_MS = 1_000;

async function shutDown(reason: string, exitCode: number): Promise<void> {
  if (shuttingDownSince !== undefined) {
    if (Date.now() - shuttingDownSince < SAME_KEYPRESS_MS) return;
    // A second Ctrl+C: stop waiting; the 'exit' hook SIGKILLs what is left.
    log.info(`${reason} again: killing the emulators now`);
    process.exit(exitCode || 130);
  }
  shuttingDownSince = Date.now();
  log.info(`\n${reason}: stopping the local stack`);
  try {
    await stack?.stop();
  } catch (error) {
    log.error('stopping failed', error);
    exitCode ||= 1;
  }
  process.exit(exitCode);
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => void shutDown(signal, 0));
}
watchLauncher(() => void shutDown('npm exited', 0));
process.on('uncaughtException', (error) => {
  log.error('uncaught exception', error);
  void shutDown('crash', 1);
});
process.on('unhandledRejection', (reason) => {
  log.error('unhandled rejection', reason);
  void shutDown('crash', 1);
});

try {
  stack = await startLocalStack({
    dataDir: resolve(process.env.TRELLIS_DATA_DIR || '.trellis'),
    port: portFromEnv('PORT', 3000),
    dynamoPort: portFromEnv('DYNAMODB_PORT'),
    s3Port: portFromEnv('S3_PORT'),
    cognitoPort: portFromEnv('COGNITO_PORT'),
    eventBridgePort: portFromEnv('EVENTBRIDGE_PORT'),
    stepFunctionsPort: portFromEnv('STEPFUNCTIONS_PORT'),
    kmsPort: portFromEnv('KMS_PORT'),
    logLevel: parseLogLevel(process.env.TRELLIS_LOG_LEVEL, 'WARN'),
  });
  if (shuttingDownSince !== undefined) {
    await stack.stop();
  } else {
    // The one line scripts and tests wait for.
    process.stdout.write(`API ${stack.apiUrl}\n`);
  }
} catch (error) {
  log.error('the local stack failed to start', error);
  process.exit(1);
}
