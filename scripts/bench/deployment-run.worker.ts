/**
 * The system under test of the deployment-pipeline and JUnit-import benchmarks
 * (deployment-run.ts, junit-import.ts; started by stack-worker.ts), in its own Node
 * process: handler modules read their config once, at import, so a process can run one
 * local stack in its life, and `npm run bench` has already run one for the gateway latency.
 * Starts a loopback server standing in for the CI system (`/ci`), the deploy target
 * (`/deploy`) and the environment's health endpoint (`/health`), then the local stack on a
 * temporary data folder; reports both to the parent over IPC and stops them (always) when
 * the parent says so or goes away. Run with the tsx loader: the stack imports handlers as
 * TypeScript.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type LocalStack, startLocalStack } from '../local/stack.ts';

/** What the worker tells its parent. */
export type WorkerMessage =
  | {
      type: 'ready';
      apiUrl: string;
      loopbackUrl: string;
      stepFunctionsEndpoint: string;
      dynamodbEndpoint: string;
      tableName: string;
      s3Endpoint: string;
      bucketName: string;
      /** ARN of each state machine by id (`DeploymentPipeline`, …). */
      stateMachineArns: Record<string, string>;
      stackStartupMs: number;
    }
  | { type: 'stopped'; loopbackHits: Record<string, number> }
  | { type: 'failed'; message: string };

/** What the parent tells the worker. */
export interface ParentMessage {
  type: 'stop';
}

/** The paths the loopback server answers with 200; anything else is a 404. */
const LOOPBACK_PATHS = ['/ci', '/deploy', '/health'];

interface Loopback {
  url: string;
  /** Requests received, by `METHOD /path`. */
  hits: Record<string, number>;
  stop(): Promise<void>;
}

async function startLoopback(): Promise<Loopback> {
  const hits: Record<string, number> = {};
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      const path = new URL(request.url ?? '/', 'http://loopback').pathname;
      const key = `${request.method} ${path}`;
      hits[key] = (hits[key] ?? 0) + 1;
      response.writeHead(LOOPBACK_PATHS.includes(path) ? 200 : 404, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    hits,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function send(message: WorkerMessage): Promise<void> {
  return new Promise((resolve, reject) => {
    if (!process.send || !process.connected) {
      resolve();
      return;
    }
    process.send(message, (error: Error | null) => (error ? reject(error) : resolve()));
  });
}

async function main(): Promise<void> {
  const stopRequested = new Promise<void>((resolve) => {
    process.on('message', (message: ParentMessage) => {
      if (message?.type === 'stop') resolve();
    });
    process.once('disconnect', () => resolve());
  });
  let loopback: Loopback | undefined;
  let stack: LocalStack | undefined;
  let dataDir: string | undefined;
  try {
    loopback = await startLoopback();
    dataDir = await mkdtemp(join(tmpdir(), 'trellis-bench-deploy-'));
    stack = await startLocalStack({ dataDir, quiet: true, logLevel: 'WARN' });
    await send({
      type: 'ready',
      apiUrl: stack.apiUrl,
      loopbackUrl: loopback.url,
      stepFunctionsEndpoint: stack.endpoints.stepFunctions,
      dynamodbEndpoint: stack.endpoints.dynamodb,
      tableName: stack.resources.tableName,
      s3Endpoint: stack.endpoints.s3,
      bucketName: stack.resources.bucketName,
      stateMachineArns: stack.resources.stateMachineArns,
      stackStartupMs: stack.startupMs,
    });
    await stopRequested;
  } catch (error) {
    process.exitCode = 1;
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    process.stderr.write(`deployment benchmark worker: ${message}\n`);
    await send({ type: 'failed', message: message.split('\n')[0]! }).catch(() => {});
  } finally {
    await stack?.stop();
    await loopback?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
    await send({ type: 'stopped', loopbackHits: loopback?.hits ?? {} }).catch(() => {});
  }
  // Everything this process started is stopped; SDK keep-alive sockets must not hold it open.
  process.exit();
}

// Only as the entry of its own process (with an IPC channel): others import the message types.
if (process.send && process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
