import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { REPO_ROOT } from '#infra/config/paths';
import { LAMBDA_BUILD_OPTIONS } from './bundle-size.ts';
import type { HandlerOverheadSample, VariantRole } from './handler-overhead.worker.ts';
import { summarize } from './stats.ts';
import { childEnv, OUT_DIR } from './targets.ts';

const run = promisify(execFile);

/** Target: the full stack adds at most this much per call over a bare handler. */
export const PER_CALL_TARGET_US = 10;

/** The figure the issue quotes for Express + serverless-http (not measured here unless installed). */
export const EXPRESS_REFERENCE_US = 87;

/** Median and range over rounds, ns per call. */
export interface PerCallFigure {
  medianNs: number;
  minNs: number;
  maxNs: number;
}

export interface VariantTiming {
  name: string;
  role: VariantRole;
  wall: PerCallFigure;
  /** CPU time of the calling thread: what the calls cost, without time spent waiting for a core. */
  cpu: PerCallFigure;
}

export interface HandlerOverheadResult {
  variants: VariantTiming[];
  rounds: number;
  callsPerRound: number;
  /** Why Express + serverless-http was not measured, if it was not. */
  expressSkipped: string;
}

/**
 * Bundles the worker with the Lambda build options (the code as deployed: minified ESM),
 * runs it in a fresh Node process with logging at WARN and metrics disabled, and reads back
 * its per-round figures.
 */
export async function measureHandlerOverhead(options: {
  rounds: number;
  calls: number;
}): Promise<HandlerOverheadResult> {
  const dir = join(OUT_DIR, 'handler-overhead');
  const worker = join(dir, 'worker.mjs');
  const resultFile = join(dir, 'result.json');
  await build({
    ...LAMBDA_BUILD_OPTIONS,
    entryPoints: [join(REPO_ROOT, 'scripts/bench/handler-overhead.worker.ts')],
    outfile: worker,
  });
  await run(process.execPath, [worker, resultFile, String(options.rounds), String(options.calls)], {
    env: childEnv(),
    maxBuffer: 1 << 24,
  });
  const sample = JSON.parse(await readFile(resultFile, 'utf8')) as HandlerOverheadSample;
  for (const variant of sample.variants) {
    if (variant.status !== undefined && variant.status !== 200) {
      throw new Error(`${variant.name} answered ${variant.status}: an error path would be timed, not the stack`);
    }
  }
  return {
    variants: sample.variants.map((variant) => ({
      name: variant.name,
      role: variant.role,
      wall: perCallFigure(variant.rounds.map((round) => round.wallNs)),
      cpu: perCallFigure(variant.rounds.map((round) => round.cpuNs)),
    })),
    rounds: sample.rounds,
    callsPerRound: sample.callsPerRound,
    expressSkipped: expressSkipReason(),
  };
}

function perCallFigure(valuesNs: number[]): PerCallFigure {
  return {
    medianNs: summarize(valuesNs.map((ns) => ns / 1e6)).p50 * 1e6,
    minNs: Math.min(...valuesNs),
    maxNs: Math.max(...valuesNs),
  };
}

/** Express + serverless-http is only compared when both are already installed (never installed for this). */
function expressSkipReason(): string {
  const missing = ['express', 'serverless-http'].filter(
    (name) => !existsSync(join(REPO_ROOT, 'node_modules', name, 'package.json')),
  );
  return missing.length > 0
    ? `not measured here: ${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} not installed`
    : 'not measured here: the comparison stack is not part of this benchmark';
}
