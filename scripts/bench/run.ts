/**
 * `npm run bench`: bundle size, module init time, handler stack cost per call and local
 * gateway latency, each against its floor in the same run; the deployment pipeline's state
 * transitions and start latency on the local stack; the test load engine against autocannon;
 * JUnit import through the local API against a raw parse; line counting against cloc, duplication
 * against jscpd and the full analysis of a ~200,000-line tree through the local API (cloc beside it) on
 * real trees of the machine; writes docs/benchmarks.md.
 * A section that fails is reported as not measured and the run exits non-zero.
 *
 * `npm run bench -- --only bundle,init` measures only the named sections (names in SECTIONS) and
 * writes its partial report under .bench/out/ rather than over docs/benchmarks.md; with
 * `--functions GetProject,CreateDocument` the bundle and init sections take those functions only,
 * and `--rounds 7` sets the number of init rounds (for a quick before/after while working on one).
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { REPO_ROOT } from '#infra/config/paths';
import { measureDuplication } from './analysis-duplication.ts';
import { measureFullAnalysis } from './analysis-full.ts';
import { DEFAULT_LINES_ROOTS, measureLineCounting } from './analysis-lines.ts';
import { classicZodBytes, measureBundleSizes } from './bundle-size.ts';
import { measureDeploymentPipeline } from './deployment-run.ts';
import { machineInfo } from './environment.ts';
import { measureHandlerOverhead } from './handler-overhead.ts';
import { measureInitTimes } from './init-time.ts';
import { measureJUnitImport } from './junit-import.ts';
import { compareLoadEngines } from './load-engine.ts';
import { measureLocalLatency } from './local-latency.ts';
import { type BenchResults, renderReport } from './report.ts';
import { measureSearchService } from './search-service.ts';
import { type BenchFunction, benchFunctions, OUT_DIR } from './targets.ts';

/** Sized to finish in about twelve minutes on a 2-core machine (693 s in the last run, with other work on it). */
const SETTINGS = {
  /** The function whose bundle delta is broken down, and whose init is also timed with source maps. */
  typicalFunction: 'GetProject',
  initRounds: 15,
  perCall: { rounds: 10, calls: 20_000 },
  local: { concurrencies: [1, 4], requests: 1_500, blocks: 10, warmupRequests: 100 },
  /** About 20 s: stack start, one 3-stage run, 2 + 20 parked runs. */
  deployment: { runs: 20, warmupRuns: 2, pollIntervalMs: 5, timeoutMs: 60_000 },
  /** About 50 s: 3 rounds × 3 generators × 5 s. */
  loadEngine: { connections: 10, durationSeconds: 5, rounds: 3 },
  /** About 5 minutes: stack start, a 10,000-item write floor, 4 imports of a 10,000-case report, each followed by
   *  its asynchronous indexing (the first creates the cases; DynamoDB Local writes ~200 items/s here). */
  junitImport: { cases: 10_000, suites: 8, imports: 4 },
  /** About 3 minutes: copying and zipping the tree, cloc, stack start, two analyses of ~200,000 code lines. */
  fullAnalysis: { runs: 2, timeoutMs: 600_000, pollIntervalMs: 250, memorySampleMs: 100 },
  /** About 3 minutes: stack start, building a 10,000-document index, 5 × 20 queries, 5 cold loads, 10 saves. */
  searchService: { documents: 10_000, rounds: 5, coldLoads: 5, saves: 10 },
};

const REPORT_FILE = join(REPO_ROOT, 'docs', 'benchmarks.md');
/** Where a run of some sections only (`--only`) writes its report. */
const PARTIAL_REPORT_FILE = join(OUT_DIR, 'benchmarks.md');

/** The sections `--only` can name; module init needs the bundles, so `init` implies `bundle`. */
const SECTIONS = [
  'bundle',
  'init',
  'per-call',
  'load-engine',
  'local',
  'deployment',
  'junit',
  'analysis',
  'search',
] as const;
type SectionName = (typeof SECTIONS)[number];

/** The sections to run: all, or those listed by `--only a,b` (or `--only=a,b`). */
function selectedSections(args: readonly string[]): ReadonlySet<SectionName> {
  const at = args.findIndex((arg) => arg === '--only' || arg.startsWith('--only='));
  if (at < 0) return new Set(SECTIONS);
  const list = args[at]!.includes('=') ? args[at]!.slice('--only='.length) : (args[at + 1] ?? '');
  const names = list.split(',').filter((name) => name !== '');
  const unknown = names.filter((name) => !(SECTIONS as readonly string[]).includes(name));
  if (names.length === 0 || unknown.length > 0) {
    throw new Error(`--only takes a comma-separated list of ${SECTIONS.join(', ')}; got ${JSON.stringify(list)}`);
  }
  const selected = new Set(names as SectionName[]);
  if (selected.has('init')) selected.add('bundle');
  return selected;
}
/** The value of `--name value` (or `--name=value`), if given. */
function optionValue(args: readonly string[], name: string): string | undefined {
  const at = args.findIndex((arg) => arg === `--${name}` || arg.startsWith(`--${name}=`));
  if (at < 0) return undefined;
  return args[at]!.includes('=') ? args[at]!.slice(name.length + 3) : args[at + 1];
}

/** Every function, or those named by `--functions A,B` (an unknown name is an error, not a silent skip). */
function selectedFunctions(args: readonly string[]): BenchFunction[] {
  const all = benchFunctions();
  const list = optionValue(args, 'functions');
  if (list === undefined) return all;
  const names = list.split(',').filter((name) => name !== '');
  const unknown = names.filter((name) => !all.some((fn) => fn.id === name));
  if (names.length === 0 || unknown.length > 0) {
    throw new Error(`--functions takes route or rule ids; unknown: ${JSON.stringify(unknown.join(',') || list)}`);
  }
  return all.filter((fn) => names.includes(fn.id));
}

/** `--rounds N`: init rounds (default SETTINGS.initRounds). */
function initRounds(args: readonly string[]): number {
  const value = optionValue(args, 'rounds');
  if (value === undefined) return SETTINGS.initRounds;
  const rounds = Number(value);
  if (!Number.isInteger(rounds) || rounds < 1) throw new Error(`--rounds takes a positive integer; got ${value}`);
  return rounds;
}

/** Every figure of the last run, samples included, for a closer look (git-ignored). */
const RAW_RESULTS_FILE = join(OUT_DIR, 'results.json');

/** Maps become objects in the raw results. */
function jsonReplacer(_key: string, value: unknown): unknown {
  return value instanceof Map ? Object.fromEntries(value) : value;
}

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
  const args = process.argv.slice(2);
  const only = selectedSections(args);
  const functions = selectedFunctions(args);
  const partial = only.size < SECTIONS.length || functions.length < benchFunctions().length;
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

  if (only.has('bundle')) {
    results.bundles = await section('Bundle size', results, () => measureBundleSizes(functions));
  }
  results.esbuildVersion = results.bundles?.esbuildVersion;
  const typical = results.bundles?.functions.find((b) => b.fn.id === SETTINGS.typicalFunction);
  if (typical) {
    const classicBytes = await section('Classic zod check', results, () => classicZodBytes(typical.fn));
    if (classicBytes !== undefined) {
      results.classicZod = { id: typical.fn.id, miniBytes: typical.ours.bytes, classicBytes };
    }
  }
  const bundles = results.bundles;
  if (bundles && only.has('init')) {
    results.init = await section('Module init', results, () =>
      measureInitTimes(bundles, {
        rounds: initRounds(args),
        sourceMapsFor: SETTINGS.typicalFunction,
      }),
    );
  }
  if (only.has('per-call')) {
    results.perCall = await section('Per-call cost', results, () => measureHandlerOverhead(SETTINGS.perCall));
  }
  if (only.has('load-engine')) {
    results.loadEngine = await section('Load engine', results, () => compareLoadEngines(SETTINGS.loadEngine));
  }
  if (only.has('local')) {
    results.local = await section('Local gateway latency', results, () => measureLocalLatency(SETTINGS.local));
  }
  if (only.has('deployment')) {
    // Its own local stack, in a worker process: a process runs one stack in its life.
    results.deployment = await section('Deployment pipeline', results, () =>
      measureDeploymentPipeline(SETTINGS.deployment),
    );
  }
  if (only.has('junit')) {
    results.junitImport = await section('JUnit import', results, () => measureJUnitImport(SETTINGS.junitImport));
  }

  if (only.has('analysis')) {
    results.analysisLines = await section('Line counting', results, async () =>
      measureLineCounting(DEFAULT_LINES_ROOTS),
    );
    results.analysisDuplication = await section('Duplication', results, () => measureDuplication());
    // Its own local stack, in a worker process, like the other API benchmarks.
    results.analysisFull = await section('Full analysis', results, () => measureFullAnalysis(SETTINGS.fullAnalysis));
  }

  if (only.has('search')) {
    // Its own local stack, in a worker process, like the other API benchmarks.
    results.searchService = await section('Search', results, () => measureSearchService(SETTINGS.searchService));
  }

  results.durationMs = performance.now() - started;
  results.loadAtEnd = loadavg()[0]!;
  const reportFile = partial ? PARTIAL_REPORT_FILE : REPORT_FILE;
  await mkdir(dirname(reportFile), { recursive: true });
  await writeFile(reportFile, renderReport(results));
  await writeFile(RAW_RESULTS_FILE, JSON.stringify(results, jsonReplacer, 2));
  progress(`wrote ${reportFile} (raw figures: ${RAW_RESULTS_FILE}) in ${Math.round(results.durationMs / 1000)} s`);
  return Object.keys(results.failures).length > 0 ? 1 : 0;
}

process.exitCode = await main();
