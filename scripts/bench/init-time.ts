import { execFile } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import type { BundleSizeResult } from './bundle-size.ts';
import { type Summary, shuffled, summarize } from './stats.ts';
import { childEnv, clientSetName } from './targets.ts';

const run = promisify(execFile);

/** Target: our module init takes at most this multiple of its floor's (issue 9: 1.15×). */
export const INIT_RATIO_TARGET = 1.15;

/**
 * Imports the module named by argv[1] and prints how long the import took, in ms: wall time,
 * and CPU time of the process (all threads), which other load on the machine barely moves.
 */
const IMPORT_TIMER = [
  'const cpu = process.cpuUsage();',
  'const started = performance.now();',
  'await import(process.argv[1]);',
  'const wall = performance.now() - started;',
  'const used = process.cpuUsage(cpu);',
  'process.stdout.write(JSON.stringify({ wall, cpu: (used.user + used.system) / 1000 }));',
].join('\n');

/** Wall and CPU time of the import, ours and the floor's. */
export interface InitTiming {
  ours: Summary;
  floor: Summary;
  oursCpu: Summary;
  floorCpu: Summary;
}

export interface ImportTime {
  wall: number;
  cpu: number;
}

export interface InitTimeResult {
  rounds: number;
  byFunction: Map<string, InitTiming>;
  /** The same measurement for one function with NODE_OPTIONS=--enable-source-maps, as deployed. */
  withSourceMaps?: { id: string; timing: InitTiming };
  /** Every sample, by bundle, in ms (kept with the run's raw results). */
  samples: Record<string, ImportTime[]>;
}

interface Sample {
  key: string;
  file: string;
  sourceMaps: boolean;
}

/**
 * Times `import()` of each bundle in a fresh Node process (the import only: Node's own
 * start-up is excluded). Each round runs every function bundle and every distinct floor
 * once, in a new random order, so that drift of the machine spreads over all of them.
 */
export async function measureInitTimes(
  bundles: BundleSizeResult,
  options: { rounds: number; sourceMapsFor?: string },
): Promise<InitTimeResult> {
  const samples: Sample[] = [
    ...bundles.functions.map((b) => ({ key: `fn:${b.fn.id}`, file: b.ours.file, sourceMaps: false })),
    ...[...bundles.floors].map(([name, floor]) => ({ key: `floor:${name}`, file: floor.file, sourceMaps: false })),
  ];
  const mapped = options.sourceMapsFor ? bundles.functions.find((b) => b.fn.id === options.sourceMapsFor) : undefined;
  if (mapped) {
    samples.push(
      { key: `fn-sm:${mapped.fn.id}`, file: mapped.ours.file, sourceMaps: true },
      { key: 'floor-sm', file: mapped.floor.file, sourceMaps: true },
    );
  }

  const times = new Map<string, ImportTime[]>(samples.map((sample) => [sample.key, []]));
  // One unmeasured pass: the first reads of each file come from disk, not the page cache.
  for (const sample of samples) await timeImport(sample);
  for (let round = 0; round < options.rounds; round++) {
    for (const sample of shuffled(samples)) times.get(sample.key)!.push(await timeImport(sample));
  }

  const wall = (key: string) => summarize(times.get(key)!.map((time) => time.wall));
  const cpu = (key: string) => summarize(times.get(key)!.map((time) => time.cpu));
  const timing = (ours: string, floor: string): InitTiming => ({
    ours: wall(ours),
    floor: wall(floor),
    oursCpu: cpu(ours),
    floorCpu: cpu(floor),
  });
  return {
    rounds: options.rounds,
    byFunction: new Map(
      bundles.functions.map((b) => [b.fn.id, timing(`fn:${b.fn.id}`, `floor:${clientSetName(b.fn.clients)}`)]),
    ),
    withSourceMaps: mapped ? { id: mapped.fn.id, timing: timing(`fn-sm:${mapped.fn.id}`, 'floor-sm') } : undefined,
    samples: Object.fromEntries(times),
  };
}

async function timeImport(sample: Sample): Promise<ImportTime> {
  const flags = sample.sourceMaps ? ['--enable-source-maps'] : [];
  const { stdout } = await run(
    process.execPath,
    [...flags, '--input-type=module', '-e', IMPORT_TIMER, pathToFileURL(sample.file).href],
    { env: childEnv() },
  );
  const time = JSON.parse(stdout) as ImportTime;
  if (!Number.isFinite(time.wall) || !Number.isFinite(time.cpu)) {
    throw new Error(`Import of ${sample.file} printed ${JSON.stringify(stdout)}`);
  }
  return time;
}
