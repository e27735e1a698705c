/**
 * The parent side of the benchmark stack worker (deployment-run.worker.ts): a local stack in
 * its own Node process, so that the benchmark client shares no event loop with the gateway,
 * the handlers and the emulators' clients.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { REPO_ROOT } from '#infra/config/paths';
import type { ParentMessage, WorkerMessage } from './deployment-run.worker.ts';

const WORKER_READY_TIMEOUT_MS = 120_000;
const WORKER_STOP_TIMEOUT_MS = 30_000;
const OUTPUT_TAIL_CHARS = 8_000;

/** A running worker: its `ready` message and how to stop it. */
export interface StackWorker {
  ready: Extract<WorkerMessage, { type: 'ready' }>;
  /** The worker's process id: the gateway, the handlers and the state-machine tasks all run in it. */
  pid: number;
  /** Stops the stack and the loopback server; idempotent. */
  stop(): Promise<{ loopbackHits: Record<string, number> }>;
  /** The last lines the stack logged (handlers at WARN and up), for an error message. */
  outputTail(): string;
}

/** The worker's environment: no AWS profile or endpoint of ours leaks into the stack. */
function workerEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME };
  for (const name of ['JAVA_HOME', 'TMPDIR']) if (process.env[name]) env[name] = process.env[name];
  return env;
}

/**
 * Forks deployment-run.worker.ts (the local stack on a temporary data folder and a loopback
 * server) and waits for it to be ready. A process can run one local stack in its life, so
 * every benchmark that needs a stack after the gateway-latency one takes its own worker.
 */
export async function startStackWorker(): Promise<StackWorker> {
  const child = fork(join(REPO_ROOT, 'scripts/bench/deployment-run.worker.ts'), [], {
    cwd: REPO_ROOT,
    execPath: process.execPath,
    execArgv: ['--import', import.meta.resolve('tsx')],
    env: workerEnv(),
    // Handler logs (WARN and up) are kept for an error message rather than printed.
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-OUTPUT_TAIL_CHARS);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  // The loopback server's hits arrive with `stopped`, the worker's last message before it exits.
  let hits: Record<string, number> = {};
  const lastWord = new Promise<void>((resolve) => {
    child.on('message', (message: WorkerMessage) => {
      if (message.type !== 'stopped') return;
      hits = message.loopbackHits;
      resolve();
    });
    child.once('disconnect', () => resolve());
  });

  let stopping: Promise<{ loopbackHits: Record<string, number> }> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      if (child.exitCode === null && child.signalCode === null) {
        if (child.connected) child.send({ type: 'stop' } satisfies ParentMessage);
        const timedOut = Symbol('timed out');
        const outcome = await Promise.race([
          Promise.all([exited, lastWord]),
          delay(WORKER_STOP_TIMEOUT_MS, timedOut, { ref: false }),
        ]);
        if (outcome === timedOut) {
          killWorker(child);
          throw new Error(`the benchmark stack worker did not stop within ${WORKER_STOP_TIMEOUT_MS} ms`);
        }
      }
      return { loopbackHits: hits };
    })());

  let timer: NodeJS.Timeout | undefined;
  try {
    const ready = await new Promise<Extract<WorkerMessage, { type: 'ready' }>>((resolve, reject) => {
      timer = setTimeout(
        () => reject(new Error(`the local stack was not ready within ${WORKER_READY_TIMEOUT_MS} ms`)),
        WORKER_READY_TIMEOUT_MS,
      );
      child.on('message', (message: WorkerMessage) => {
        if (message.type === 'ready') resolve(message);
        if (message.type === 'failed') reject(new Error(`the local stack did not start: ${message.message}`));
      });
      child.once('error', reject);
      void exited.then((code) => reject(new Error(`the worker exited (code ${code}) before the stack was ready`)));
    });
    return { ready, pid: child.pid!, stop, outputTail: () => output.trim() };
  } catch (error) {
    await stop().catch(() => {});
    const tail = output.trim();
    throw new Error(`${(error as Error).message}${tail ? `\n--- worker output ---\n${tail}` : ''}`);
  } finally {
    clearTimeout(timer);
  }
}

/** Last resort when the worker does not stop: the worker only, by its pid. */
function killWorker(child: ChildProcess): void {
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}
