/**
 * Our load engine (shared/testing/load/engine.ts) against autocannon, side by side in one run: each
 * generator in its own Node process pinned to its own core (taskset), one after the other,
 * against the same trivial loopback server pinned to another core. node:http with a
 * keep-alive agent is measured too: it is the transport the engine did not use, and the
 * figure says why.
 */

import { type ChildProcess, execFile, execFileSync, spawn } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { REPO_ROOT } from '#infra/config/paths';
import { LAMBDA_BUILD_OPTIONS } from './bundle-size.ts';
import { median } from './stats.ts';
import { OUT_DIR } from './targets.ts';

const run = promisify(execFile);

/** Target: our engine sends at least as many requests per second as autocannon on one core. */
export const RPS_RATIO_TARGET = 1.0;

export type Generator = 'ours' | 'autocannon' | 'nodeHttp';

/** One generator's run, as its process reports it. */
export interface GeneratorRun {
  rps: number;
  /** Milliseconds. Ours and node:http at µs resolution; autocannon at 1 ms. */
  p50: number;
  p99: number;
  requests: number;
  errors: number;
  /** CPU time (user + system) the generator's process spent during the run. */
  cpuMs: number;
}

/** Medians over the rounds. */
export interface GeneratorFigures {
  rps: number;
  p50: number;
  p99: number;
  /** Requests per CPU-second of the generator: its efficiency, whatever else shares the machine. */
  requestsPerCpuSecond: number;
  errors: number;
}

export interface LoadEngineComparison {
  ours: GeneratorFigures;
  autocannon: GeneratorFigures;
  nodeHttp: GeneratorFigures;
  /** Median over rounds of ours ÷ autocannon, each round's pair measured back to back. */
  rpsRatio: number;
  cpuEfficiencyRatio: number;
  rounds: Record<Generator, GeneratorRun>[];
  /** The order the generators ran in, per round. */
  orders: Generator[][];
  settings: Required<LoadEngineOptions>;
  autocannonVersion: string;
  /** Cores used, or undefined where taskset is missing or there is a single core. */
  pinning: { server: number; generators: number } | undefined;
  loadAtStart: number;
  loadAtEnd: number;
}

export interface LoadEngineOptions {
  connections?: number;
  durationSeconds?: number;
  /** Each round runs every generator once, in an order that rotates between rounds. */
  rounds?: number;
}

const DEFAULTS: Required<LoadEngineOptions> = { connections: 10, durationSeconds: 5, rounds: 3 };

// A keep-alive HTTP/1.1 server that answers every request with the same bytes, so that
// the server costs less than the generators and their difference shows. GET only: a
// request ends at its blank line.
const SERVER_SOURCE = `
import net from 'node:net';
const RESPONSE = Buffer.from('HTTP/1.1 200 OK\\r\\nContent-Type: text/plain\\r\\nContent-Length: 2\\r\\n\\r\\nok');
const server = net.createServer((socket) => {
  socket.setNoDelay(true);
  let tail = '';
  socket.on('data', (chunk) => {
    const text = tail + chunk.toString('latin1');
    let answers = 0;
    let from = 0;
    for (let at = text.indexOf('\\r\\n\\r\\n'); at !== -1; at = text.indexOf('\\r\\n\\r\\n', from)) {
      answers++;
      from = at + 4;
    }
    tail = text.slice(from);
    if (answers > 0) socket.write(answers === 1 ? RESPONSE : Buffer.concat(Array(answers).fill(RESPONSE)));
  });
  socket.on('error', () => {});
});
server.listen(0, '127.0.0.1', () => process.stdout.write(server.address().port + '\\n'));
`;

// Our engine as a Lambda would run it: bundled with the Lambda build options.
const OURS_ENTRY = `
import { runLoad } from '#shared/testing/load/engine';
const [port, connections, durationSeconds] = process.argv.slice(2).map(Number);
const before = process.cpuUsage();
const result = await runLoad(
  { requests: [{ name: 'root', method: 'GET', url: 'http://127.0.0.1:' + port + '/' }], load: { connections, durationSeconds } },
  { allowList: ['127.0.0.1'] },
);
const cpu = process.cpuUsage(before);
process.stdout.write(JSON.stringify({
  rps: result.rps, p50: result.latency.p50, p99: result.latency.p99,
  requests: result.requests, errors: result.errors, cpuMs: (cpu.user + cpu.system) / 1000,
}));
`;

const AUTOCANNON_SOURCE = `
import autocannon from ${JSON.stringify(join(REPO_ROOT, 'node_modules', 'autocannon', 'autocannon.js'))};
const [port, connections, duration] = process.argv.slice(2).map(Number);
const before = process.cpuUsage();
const result = await autocannon({ url: 'http://127.0.0.1:' + port + '/', connections, duration });
const cpu = process.cpuUsage(before);
process.stdout.write(JSON.stringify({
  rps: result.requests.total / result.duration, p50: result.latency.p50, p99: result.latency.p99,
  requests: result.requests.total, errors: result.errors + result.timeouts + result.non2xx,
  cpuMs: (cpu.user + cpu.system) / 1000,
}));
`;

// node:http with a keep-alive agent, closed model, the same connections: the transport we
// would have had without our own framing.
const NODE_HTTP_SOURCE = `
import http from 'node:http';
import { createHistogram } from 'node:perf_hooks';
const [port, connections, durationSeconds] = process.argv.slice(2).map(Number);
const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
const histogram = createHistogram();
let requests = 0;
let errors = 0;
const before = process.cpuUsage();
const started = performance.now();
const end = started + durationSeconds * 1000;
function once() {
  return new Promise((resolve) => {
    const sent = process.hrtime.bigint();
    const request = http.request({ host: '127.0.0.1', port, path: '/', agent }, (response) => {
      response.on('data', () => {});
      response.on('end', () => {
        histogram.record(process.hrtime.bigint() - sent);
        requests++;
        if (response.statusCode >= 400) errors++;
        resolve();
      });
    });
    request.on('error', () => { requests++; errors++; resolve(); });
    request.end();
  });
}
async function client() { while (performance.now() < end) await once(); }
await Promise.all(Array.from({ length: connections }, client));
const elapsed = performance.now() - started;
const cpu = process.cpuUsage(before);
agent.destroy();
process.stdout.write(JSON.stringify({
  rps: requests / (elapsed / 1000), p50: histogram.percentile(50) / 1e6, p99: histogram.percentile(99) / 1e6,
  requests, errors, cpuMs: (cpu.user + cpu.system) / 1000,
}));
`;

/**
 * Runs the three generators `rounds` times each against one loopback server, pinned where
 * taskset exists, and returns median figures. Nothing is asserted: the caller reports.
 */
export async function compareLoadEngines(options: LoadEngineOptions = {}): Promise<LoadEngineComparison> {
  const settings = { ...DEFAULTS, ...options };
  const loadAtStart = loadavg()[0]!;
  const dir = join(OUT_DIR, 'load-engine');
  await mkdir(dir, { recursive: true });
  const files: Record<Generator | 'server', string> = {
    server: join(dir, 'server.mjs'),
    ours: join(dir, 'ours.mjs'),
    autocannon: join(dir, 'autocannon.mjs'),
    nodeHttp: join(dir, 'node-http.mjs'),
  };
  await Promise.all([
    writeFile(files.server, SERVER_SOURCE),
    writeFile(files.autocannon, AUTOCANNON_SOURCE),
    writeFile(files.nodeHttp, NODE_HTTP_SOURCE),
    build({
      ...LAMBDA_BUILD_OPTIONS,
      sourcemap: false,
      metafile: false,
      stdin: { contents: OURS_ENTRY, resolveDir: REPO_ROOT, sourcefile: 'load-engine.ours.ts', loader: 'ts' },
      outfile: files.ours,
    }),
  ]);

  const pinning = corePlan();
  const server = await startServer(files.server, pinning?.server);
  try {
    const generators: Generator[] = ['ours', 'autocannon', 'nodeHttp'];
    const rounds: Record<Generator, GeneratorRun>[] = [];
    const orders: Generator[][] = [];
    for (let round = 0; round < settings.rounds; round++) {
      // Rotating the order spreads drift on a shared machine over all three.
      const order = generators.map((_, index) => generators[(index + round) % generators.length]!);
      orders.push(order);
      const figures = {} as Record<Generator, GeneratorRun>;
      for (const generator of order) {
        figures[generator] = await runGenerator(files[generator], server.port, settings, pinning?.generators);
      }
      rounds.push(figures);
    }
    const figuresOf = (generator: Generator): GeneratorFigures => ({
      rps: median(rounds.map((round) => round[generator].rps)),
      p50: median(rounds.map((round) => round[generator].p50)),
      p99: median(rounds.map((round) => round[generator].p99)),
      requestsPerCpuSecond: median(rounds.map((round) => round[generator].requests / (round[generator].cpuMs / 1000))),
      errors: rounds.reduce((total, round) => total + round[generator].errors, 0),
    });
    return {
      ours: figuresOf('ours'),
      autocannon: figuresOf('autocannon'),
      nodeHttp: figuresOf('nodeHttp'),
      rpsRatio: median(rounds.map((round) => round.ours.rps / round.autocannon.rps)),
      cpuEfficiencyRatio: median(
        rounds.map(
          (round) => round.ours.requests / round.ours.cpuMs / (round.autocannon.requests / round.autocannon.cpuMs),
        ),
      ),
      rounds,
      orders,
      settings,
      autocannonVersion: await autocannonVersion(),
      pinning,
      loadAtStart,
      loadAtEnd: loadavg()[0]!,
    };
  } finally {
    server.process.kill();
  }
}

/** The exact median (the HDR-based `summarize` rounds to 3 significant digits). */

/** Server on core 0, generators on core 1, when taskset exists and there are two cores. */
function corePlan(): { server: number; generators: number } | undefined {
  if (availableParallelism() < 2) return undefined;
  try {
    execFileSync('taskset', ['-p', String(process.pid)], { stdio: 'ignore' });
    return { server: 0, generators: 1 };
  } catch {
    return undefined;
  }
}

async function autocannonVersion(): Promise<string> {
  const manifest = JSON.parse(await readFile(join(REPO_ROOT, 'node_modules', 'autocannon', 'package.json'), 'utf8'));
  return String((manifest as { version?: unknown }).version ?? 'unknown');
}

function pinned(core: number | undefined, args: string[]): [string, string[]] {
  return core === undefined ? [process.execPath, args] : ['taskset', ['-c', String(core), process.execPath, ...args]];
}

async function startServer(file: string, core: number | undefined): Promise<{ process: ChildProcess; port: number }> {
  const [command, args] = pinned(core, [file]);
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      if (output.includes('\n')) resolve(Number(output.trim()));
    });
    child.once('exit', (code) => reject(new Error(`The load-engine server exited (${code}) before listening.`)));
  });
  return { process: child, port };
}

async function runGenerator(
  file: string,
  port: number,
  settings: Required<LoadEngineOptions>,
  core: number | undefined,
): Promise<GeneratorRun> {
  const [command, args] = pinned(core, [
    file,
    String(port),
    String(settings.connections),
    String(settings.durationSeconds),
  ]);
  const { stdout } = await run(command, args, {
    env: { PATH: process.env.PATH, HOME: process.env.HOME },
    timeout: (settings.durationSeconds + 60) * 1000,
    maxBuffer: 1 << 20,
  });
  return JSON.parse(stdout) as GeneratorRun;
}
