/**
 * Duplication analysis against jscpd 5.3.2 on the same real tree, side by side in one run, one
 * core each (jscpd `--workers 1`; ours is single-threaded): wall time, our two phases as the
 * service runs them (per-file records in the batches, the merge across the snapshot), the size of
 * the records, the merge's memory, and both tools' duplicated-lines percentage.
 *
 *   npx tsx scripts/bench/analysis-duplication.ts [tree] [extension]
 *
 * Default tree: networkx from this machine's Python (about 190,000 lines of .py). Prints a
 * markdown fragment; wiring into docs/benchmarks.md comes with the analysis service.
 */

import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { type FileFingerprints, fingerprintFile, serializeFingerprints } from '#shared/analysis/duplication/index';
import { duplicatedLineSet, runJscpd, sourceFiles } from '../../test/support/jscpd.ts';
import type { MergeSample } from './analysis-duplication.worker.ts';

const run = promisify(execFile);

const DEFAULT_TREE = '/root/.pyenv/versions/3.11.7/lib/python3.11/site-packages/networkx';
const LANGUAGES: Record<string, string> = { '.py': 'Python', '.js': 'JavaScript', '.ts': 'TypeScript', '.pm': 'Perl' };

/** What one side-by-side run measured. */
export interface DuplicationBench {
  tree: string;
  files: number;
  lines: number;
  jscpd: { milliseconds: number; percentage: number; pairs: number };
  ours: {
    batchMilliseconds: number;
    mergeMilliseconds: number;
    recordBytes: number;
    /** Peak resident set of the merge process above its resident set before the merge. */
    mergeMemoryBytes: number;
    percentage: number;
    blocks: number;
  };
}

/** The merge in its own process (analysis-duplication.worker.ts), so its memory is measured alone. */
async function mergeInOwnProcess(bytes: Uint8Array): Promise<MergeSample> {
  const directory = await mkdtemp(join(tmpdir(), 'duplication-bench-'));
  try {
    const recordsFile = join(directory, 'records.bin');
    await writeFile(recordsFile, bytes);
    const worker = join(import.meta.dirname, 'analysis-duplication.worker.ts');
    const { stdout } = await run(process.execPath, ['--import', 'tsx', worker, recordsFile]);
    return JSON.parse(stdout) as MergeSample;
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

/** Runs jscpd, then our batch and merge phases, on `tree`. */
export async function measureDuplication(tree = DEFAULT_TREE, extension = '.py'): Promise<DuplicationBench> {
  const theirs = await runJscpd(tree, extension);

  const batchStarted = performance.now();
  const paths = await sourceFiles(tree, extension);
  const records: FileFingerprints[] = [];
  for (const path of paths) {
    records.push(fingerprintFile(path, LANGUAGES[extension] ?? 'Text', await readFile(join(tree, path), 'utf8')));
  }
  const bytes = serializeFingerprints(records);
  const batchMilliseconds = performance.now() - batchStarted;
  const lines = records.reduce((sum, record) => sum + record.lines, 0);
  const merge = await mergeInOwnProcess(bytes);

  return {
    tree,
    files: paths.length,
    lines,
    jscpd: {
      milliseconds: theirs.milliseconds,
      percentage: (duplicatedLineSet(theirs.pairs).size / theirs.totalLines) * 100,
      pairs: theirs.pairs.length,
    },
    ours: {
      batchMilliseconds,
      mergeMilliseconds: merge.milliseconds,
      recordBytes: bytes.length,
      mergeMemoryBytes: merge.maxResidentBytes - merge.residentBeforeBytes,
      percentage: merge.percentage,
      blocks: merge.blocks,
    },
  };
}

/** The markdown fragment for one run. */
export function renderDuplicationBench(bench: DuplicationBench): string {
  const seconds = (milliseconds: number) => (milliseconds / 1000).toFixed(2);
  const megabytes = (bytes: number) => (bytes / 2 ** 20).toFixed(1);
  const perSecond = (milliseconds: number) => Math.round(bench.lines / (milliseconds / 1000)).toLocaleString('en');
  const ours = bench.ours.batchMilliseconds + bench.ours.mergeMilliseconds;
  return [
    `### Duplication: ours vs jscpd 5.3.2`,
    '',
    `Tree \`${bench.tree}\`: ${bench.files} files, ${bench.lines.toLocaleString('en')} lines; min tokens 50, one core each.`,
    '',
    '| | time (s) | lines/s | duplicated lines | found |',
    '|---|---:|---:|---:|---:|',
    `| jscpd 5.3.2 (\`--mode weak --ignore-identifiers --ignore-literals --workers 1\`) | ${seconds(bench.jscpd.milliseconds)} | ${perSecond(bench.jscpd.milliseconds)} | ${bench.jscpd.percentage.toFixed(2)} % | ${bench.jscpd.pairs} clone pairs |`,
    `| ours, total | ${seconds(ours)} | ${perSecond(ours)} | ${bench.ours.percentage.toFixed(2)} % | ${bench.ours.blocks} blocks |`,
    `| ours, batch phase (read, tokenize, serialize) | ${seconds(bench.ours.batchMilliseconds)} | ${perSecond(bench.ours.batchMilliseconds)} | | |`,
    `| ours, merge phase (deserialize, match, report; own process) | ${seconds(bench.ours.mergeMilliseconds)} | ${perSecond(bench.ours.mergeMilliseconds)} | | |`,
    '',
    `Records: ${megabytes(bench.ours.recordBytes)} MB serialized, ${(bench.ours.recordBytes / bench.lines).toFixed(1)} bytes a line. ` +
      `Merge memory (its process's peak resident set above the set before it started): ${megabytes(bench.ours.mergeMemoryBytes)} MB.`,
    '',
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [tree, extension] = process.argv.slice(2);
  process.stdout.write(renderDuplicationBench(await measureDuplication(tree, extension)));
}
