/**
 * `npm run bench`: bundle size, module init time, handler stack cost per call and local
 * gateway latency, each against its floor in the same run; writes docs/benchmarks.md.
 * A section that fails is reported as not measured and the run exits non-zero.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { bundleLayer, classicZodBytes, measureBundleSizes } from './bundle-size.ts';
import { machineInfo } from './environment.ts';
import { measureHandlerOverhead } from './handler-overhead.ts';
import { measureInitTimes } from './init-time.ts';
import { measureLocalLatency } from './local-latency.ts';
import { type BenchResults, renderReport } from './report.ts';
import { benchFunctions, OUT_DIR, REPO_ROOT } from './targets.ts';

/** Sized to finish in about five minutes on a 2-core machine. */
const SETTINGS = {
  /** The function whose bundle delta is broken down, and whose init is also timed with source maps. */
  typicalFunction: 'GetProject',
  initRounds: 15,
  /** Shared modules added one at a time to the typical function's floor, to attribute its init time. */
  initLayers: [
    { label: 'observability (Powertools Logger + Metrics)', module: '#shared/observability' },
    { label: 'route definitions and their zod schemas', module: '#shared/api/routes/projects' },
    { label: 'handler kit (middy stack, problem+json)', module: '#shared/http/handler' },
    { label: 'event publisher (EventBridge client, event catalogue)', module: '#shared/events/publisher' },
    { label: 'projects service (domain, repositories, publisher)', module: '#shared/projects/service' },
  ],
  perCall: { rounds: 10, calls: 20_000 },
  local: { concurrencies: [1, 4], requests: 1_500, blocks: 10, warmupRequests: 100 },
};

const REPORT_FILE = join(REPO_ROOT, 'docs', 'benchmarks.md');

function progress(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}

/** Runs one section, timing it; a failure is recorded for the report rather than ending the run. */
async function section<T>(name: string, results: BenchResults, measure: () => Promise<T>): Promise<T | undefined> {
  const started = performance.now();
  progress(`${name}…`);
  try {
    const value = await measure();
    progress(`${name} done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    return value;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    progress(`${name} failed: ${error instanceof Error ? (error.stack ?? reason) : reason}`);
    results.failures[name] = reason.split('\n')[0]!;
    return undefined;
  }
}

async function main(): Promise<number> {
  const started = performance.now();
  const results: BenchResults = {
    startedAt: new Date(),
    durationMs: 0,
    machine: machineInfo(),
    loadAtEnd: 0,
    typicalFunction: SETTINGS.typicalFunction,
    failures: {},
  };
  progress(`Node ${results.machine.node}, nproc ${results.machine.nproc}; writing bundles under ${OUT_DIR}`);
  await rm(OUT_DIR, { recursive: true, force: true });
  await mkdir(OUT_DIR, { recursive: true });

  const functions = benchFunctions();
  results.bundles = await section('Bundle size', results, () => measureBundleSizes(functions));
  results.esbuildVersion = results.bundles?.esbuildVersion;
  const typical = results.bundles?.functions.find((b) => b.fn.id === SETTINGS.typicalFunction);
  if (typical) {
    const classicBytes = await section('Classic zod check', results, () => classicZodBytes(typical.fn));
    if (classicBytes !== undefined) {
      results.classicZod = { id: typical.fn.id, miniBytes: typical.ours.bytes, classicBytes };
    }
  }
  const bundles = results.bundles;
  if (bundles) {
    const layers = typical
      ? await section('Init attribution bundles', results, () =>
          Promise.all(
            SETTINGS.initLayers.map(async (layer, index) => ({
              label: layer.label,
              file: (await bundleLayer(typical.fn, layer, index)).file,
            })),
          ),
        )
      : undefined;
    results.init = await section('Module init', results, () =>
      measureInitTimes(bundles, {
        rounds: SETTINGS.initRounds,
        sourceMapsFor: SETTINGS.typicalFunction,
        layers: layers ?? [],
      }),
    );
  }
  results.perCall = await section('Per-call cost', results, () => measureHandlerOverhead(SETTINGS.perCall));
  results.local = await section('Local gateway latency', results, () => measureLocalLatency(SETTINGS.local));

  results.durationMs = performance.now() - started;
  results.loadAtEnd = loadavg()[0]!;
  await mkdir(dirname(REPORT_FILE), { recursive: true });
  await writeFile(REPORT_FILE, renderReport(results));
  progress(`wrote ${REPORT_FILE} in ${Math.round(results.durationMs / 1000)} s`);
  return Object.keys(results.failures).length > 0 ? 1 : 0;
}

process.exitCode = await main();
