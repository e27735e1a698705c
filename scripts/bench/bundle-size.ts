import { execFileSync } from 'node:child_process';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { type BuildOptions, build, version as esbuildVersion, type Metafile } from 'esbuild';
import { REPO_ROOT } from '#infra/config/paths';
import { wasmCopyCommands } from '#infra/constructs/trellis-function';
import { type BenchFunction, clientSetName, OUT_DIR, SDK_CLIENTS, type SdkClientName } from './targets.ts';

/**
 * The options the CDK function construct (infra/constructs/trellis-function.ts) gives esbuild,
 * so that sizes and init times are those of the deployed bundles.
 */
export const LAMBDA_BUILD_OPTIONS: BuildOptions = {
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node22',
  minify: true,
  sourcemap: true,
  sourcesContent: false,
  mainFields: ['module', 'main'],
  banner: { js: "import { createRequire } from 'module'; const require = createRequire(import.meta.url);" },
  define: { __dirname: 'import.meta.dirname' },
  // All of @aws-sdk is bundled: nothing is external.
  external: [],
  absWorkingDir: REPO_ROOT,
  metafile: true,
  logLevel: 'error',
};

/** Target: a function's bundle is at most this much larger than its floor. */
export const SIZE_DELTA_TARGET_KB = 50;

export interface Bundle {
  /** The .mjs file (its source map is written next to it and not counted). */
  file: string;
  bytes: number;
  /** Bytes in the output per input group (npm package, or repository file). */
  bytesByInput: Map<string, number>;
}

export interface FunctionBundle {
  fn: BenchFunction;
  ours: Bundle;
  floor: Bundle;
  /** SDK clients whose package code is in our bundle. */
  clientsInBundle: SdkClientName[];
}

export interface BundleSizeResult {
  functions: FunctionBundle[];
  /** One floor bundle per distinct set of clients (several functions share one). */
  floors: Map<string, Bundle>;
  esbuildVersion: string;
}

/** Bundles every function and one floor per client set, as the CDK stack would. */
export async function measureBundleSizes(functions: BenchFunction[]): Promise<BundleSizeResult> {
  const floorSets = new Map(functions.map((fn) => [clientSetName(fn.clients), fn.clients]));
  const floorEntries = [...floorSets].map(async ([name, clients]) => [name, await bundleFloor(name, clients)] as const);
  const ourEntries = functions.map((fn) =>
    bundleEntry({ entryPoints: [join(REPO_ROOT, fn.handler)] }, join(OUT_DIR, 'functions', fn.id)),
  );
  const [floors, ours] = await Promise.all([Promise.all(floorEntries), Promise.all(ourEntries)]);
  const floorByName = new Map(floors);
  return {
    floors: floorByName,
    esbuildVersion,
    functions: functions.map((fn, index) => {
      const bundle = ours[index]!;
      return {
        fn,
        ours: bundle,
        floor: floorByName.get(clientSetName(fn.clients))!,
        clientsInBundle: clientsIn(bundle),
      };
    }),
  };
}

/**
 * The floor of a function: an entry that only creates, at module scope, the SDK clients the
 * function is entitled to, plus a trivial handler. Whatever our bundle has beyond it is ours.
 */
export function floorSource(clients: readonly SdkClientName[]): string {
  const used = clients.map((name) => SDK_CLIENTS[name]);
  return [
    ...used.map((client) => client.imports),
    `const clients = [${used.map((client) => client.create).join(', ')}];`,
    'export const handler = async () => ({ statusCode: 200, body: String(clients.length) });',
  ].join('\n');
}

async function bundleFloor(name: string, clients: readonly SdkClientName[]): Promise<Bundle> {
  const stdin = {
    contents: floorSource(clients),
    resolveDir: REPO_ROOT,
    sourcefile: `floor-${name}.mjs`,
    loader: 'js' as const,
  };
  return bundleEntry({ stdin }, join(OUT_DIR, 'floors', name));
}

async function bundleEntry(
  entry: Pick<BuildOptions, 'entryPoints' | 'stdin'>,
  dir: string,
  extra: Pick<BuildOptions, 'alias'> = {},
): Promise<Bundle> {
  const file = join(dir, 'index.mjs');
  const result = await build({ ...LAMBDA_BUILD_OPTIONS, ...extra, ...entry, outfile: file });
  // The deployed bundle carries re2.wasm beside it when it uses RE2; module init loads it from there.
  for (const command of wasmCopyCommands(REPO_ROOT, dir)) execFileSync('bash', ['-c', command]);
  const { size } = await stat(file);
  return { file, bytes: size, bytesByInput: bytesByInputGroup(result.metafile!, file) };
}

/** Output bytes per npm package (`@smithy/core`) or per repository file (`shared/http/handler.ts`). */
function bytesByInputGroup(metafile: Metafile, file: string): Map<string, number> {
  const output = Object.entries(metafile.outputs).find(([path]) => join(REPO_ROOT, path) === file)?.[1];
  if (!output) throw new Error(`esbuild metafile has no output ${file}`);
  const groups = new Map<string, number>();
  for (const [path, { bytesInOutput }] of Object.entries(output.inputs)) {
    const group = inputGroup(path);
    groups.set(group, (groups.get(group) ?? 0) + bytesInOutput);
  }
  return groups;
}

/** The npm package an input belongs to (the innermost node_modules), else the path itself. */
export function inputGroup(path: string): string {
  const marker = 'node_modules/';
  const at = path.lastIndexOf(marker);
  if (at < 0) return path;
  const [scope, name] = path.slice(at + marker.length).split('/');
  return scope?.startsWith('@') ? `${scope}/${name}` : scope!;
}

/** True for the AWS SDK's own packages, which the floor also carries. */
export function isSdkPackage(group: string): boolean {
  return group.startsWith('@aws-sdk/') || group.startsWith('@smithy/');
}

function clientsIn(bundle: Bundle): SdkClientName[] {
  return (Object.keys(SDK_CLIENTS) as SdkClientName[]).filter((name) =>
    SDK_CLIENTS[name].packages.some((pkg) => (bundle.bytesByInput.get(pkg) ?? 0) > 0),
  );
}

export interface Contributor {
  group: string;
  /** Bytes in our bundle minus bytes in the floor. */
  deltaBytes: number;
}

/**
 * What our bundle adds to its floor, per package or file: the SDK's packages in one line
 * (extra commands and clients), everything else one line each, largest first.
 */
export function deltaContributors(bundle: FunctionBundle): {
  sdk: number;
  others: Contributor[];
  unattributed: number;
} {
  const groups = new Set([...bundle.ours.bytesByInput.keys(), ...bundle.floor.bytesByInput.keys()]);
  let sdk = 0;
  const others: Contributor[] = [];
  for (const group of groups) {
    const delta = (bundle.ours.bytesByInput.get(group) ?? 0) - (bundle.floor.bytesByInput.get(group) ?? 0);
    if (isSdkPackage(group)) sdk += delta;
    else if (delta !== 0) others.push({ group, deltaBytes: delta });
  }
  others.sort((a, b) => b.deltaBytes - a.deltaBytes);
  const attributed = sdk + others.reduce((sum, contributor) => sum + contributor.deltaBytes, 0);
  return { sdk, others, unattributed: bundle.ours.bytes - bundle.floor.bytes - attributed };
}

/**
 * The same function bundled with classic `zod` in place of `zod/mini` (an esbuild alias),
 * to check the size argument for zod/mini in shared/schemas/common.ts. Size only: classic
 * zod lacks some of the mini check functions, so that bundle does not run.
 */
export async function classicZodBytes(fn: BenchFunction): Promise<number> {
  const bundle = await bundleEntry(
    { entryPoints: [join(REPO_ROOT, fn.handler)] },
    join(OUT_DIR, 'classic-zod', fn.id),
    { alias: { 'zod/mini': 'zod' } },
  );
  return bundle.bytes;
}
