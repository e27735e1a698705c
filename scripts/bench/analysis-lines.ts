/**
 * Line counting throughput: our counter (read, detect the language, count, in this process on one
 * core) against cloc 1.96 (one Perl process, no --processes) on the same real files, side by side in
 * one run, median of a few rounds each. Lines per second are total physical lines (code + comment +
 * blank) over wall time. Target: ours ≥ 5× cloc's lines per second.
 *
 * `npx tsx scripts/bench/analysis-lines.ts [root …]` prints a markdown fragment to stdout; without roots
 * it uses a mixed tree of this machine (Python standard library, Perl modules, Linux headers, JS/TS).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO_ROOT } from '#infra/config/paths';
import { detectLanguage } from '#shared/analysis/languages/detect';
import { countLines } from '#shared/analysis/lines/index';
import { collectFiles } from '../../test/support/cloc-reference.ts';
import { median } from './stats.ts';

/** Target: our lines per second over cloc's. */
export const LINES_SPEEDUP_TARGET = 5;

const PYTHON = '/root/.pyenv/versions/3.11.7/lib/python3.11';
/** About 700,000 lines in 1,300 files of seven languages. */
export const DEFAULT_LINES_ROOTS = [
  join(PYTHON, 'email'),
  join(PYTHON, 'asyncio'),
  join(PYTHON, 'unittest'),
  join(PYTHON, 'logging'),
  join(PYTHON, 'json'),
  '/usr/share/perl/5.36',
  '/usr/include/linux',
  join(REPO_ROOT, 'node_modules', 'typescript', 'lib'),
  join(REPO_ROOT, 'node_modules', 'yaml'),
];

export interface LineCountingResult {
  files: number;
  lines: number;
  oursMs: number;
  clocMs: number;
  oursLinesPerSecond: number;
  clocLinesPerSecond: number;
  speedup: number;
}

/** Times both counters on the files under `roots` that we count like cloc. */
export function measureLineCounting(roots: readonly string[], rounds = 3): LineCountingResult {
  const paths = roots.flatMap((root) => collectFiles(root).map((file) => file.path));
  const folder = mkdtempSync(join(tmpdir(), 'bench-lines-'));
  try {
    const listFile = join(folder, 'files.txt');
    writeFileSync(listFile, `${paths.join('\n')}\n`);
    const clocTimes: number[] = [];
    let clocLines = 0;
    for (let round = 0; round < rounds; round++) {
      const started = performance.now();
      const output = execFileSync('cloc', [`--list-file=${listFile}`, '--skip-uniqueness', '--json', '--quiet'], {
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
      });
      clocTimes.push(performance.now() - started);
      const sum = (JSON.parse(output) as { SUM: { code: number; comment: number; blank: number } }).SUM;
      clocLines = sum.code + sum.comment + sum.blank;
    }
    const ourTimes: number[] = [];
    let ourLines = 0;
    for (let round = 0; round < rounds; round++) {
      const started = performance.now();
      ourLines = countFiles(paths);
      ourTimes.push(performance.now() - started);
    }
    if (ourLines !== clocLines) throw new Error(`line totals differ: ours ${ourLines}, cloc ${clocLines}`);
    const oursMs = median(ourTimes);
    const clocMs = median(clocTimes);
    const oursLinesPerSecond = (ourLines / oursMs) * 1000;
    const clocLinesPerSecond = (clocLines / clocMs) * 1000;
    return {
      files: paths.length,
      lines: ourLines,
      oursMs,
      clocMs,
      oursLinesPerSecond,
      clocLinesPerSecond,
      speedup: oursLinesPerSecond / clocLinesPerSecond,
    };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** What the analysis does per file: read, detect the language from the path and head, count. */
function countFiles(paths: readonly string[]): number {
  let lines = 0;
  for (const path of paths) {
    const text = readFileSync(path).toString('latin1');
    const language = detectLanguage(path, text.slice(0, 4096));
    if (language === undefined) continue;
    const counts = countLines(language, text);
    lines += counts.code + counts.comment + counts.blank;
  }
  return lines;
}

/** The benchmark report's section. */
export function renderLineCounting(result: LineCountingResult): string {
  const perSecond = (value: number) => Math.round(value).toLocaleString('en-US');
  const verdict = result.speedup >= LINES_SPEEDUP_TARGET ? 'met' : 'missed';
  return [
    '### Line counting vs cloc 1.96',
    '',
    `${result.files.toLocaleString('en-US')} files, ${result.lines.toLocaleString('en-US')} lines (equal totals from both); median wall time, one core each.`,
    '',
    '| counter | time | lines/s |',
    '|---|---:|---:|',
    `| cloc 1.96 (no --processes) | ${(result.clocMs / 1000).toFixed(2)} s | ${perSecond(result.clocLinesPerSecond)} |`,
    `| ours (read + detect + count) | ${(result.oursMs / 1000).toFixed(2)} s | ${perSecond(result.oursLinesPerSecond)} |`,
    '',
    `Speed-up ${result.speedup.toFixed(1)}× (target ≥ ${LINES_SPEEDUP_TARGET}×: ${verdict}).`,
    '',
  ].join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const roots = process.argv.slice(2);
  process.stdout.write(renderLineCounting(measureLineCounting(roots.length > 0 ? roots : DEFAULT_LINES_ROOTS)));
}
