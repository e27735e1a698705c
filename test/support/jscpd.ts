/**
 * Runs the reference clone detector, jscpd 5.3.2 (node_modules/.bin/jscpd), and our duplication
 * analysis on the same real tree, for the reference test and the benchmark.
 */

import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, realpath, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join, relative } from 'node:path';
import { promisify } from 'node:util';
import {
  type DuplicationReport,
  deserializeFingerprints,
  findDuplication,
  fingerprintFile,
  serializeFingerprints,
} from '#shared/analysis/duplication/index';

const run = promisify(execFile);
const JSCPD = join(import.meta.dirname, '../../node_modules/.bin/jscpd');

/** The extensions compared, with the Linguist language we give them and jscpd's format name. */
const FORMATS: Record<string, { language: string; format: string }> = {
  '.py': { language: 'Python', format: 'python' },
  '.js': { language: 'JavaScript', format: 'javascript' },
  '.ts': { language: 'TypeScript', format: 'typescript' },
  '.pm': { language: 'Perl', format: 'perl' },
  '.c': { language: 'C', format: 'c' },
};

/** One side of a clone pair, with paths relative to the tree. */
export interface PairSide {
  path: string;
  startLine: number;
  endLine: number;
}

/** What a tool found: its clone pairs and its duplicated lines counted our way (see docs/analysis.md). */
export interface ToolResult {
  pairs: [PairSide, PairSide][];
  /** Distinct lines inside at least one clone side, over all files. */
  duplicatedLines: number;
  totalLines: number;
  milliseconds: number;
}

/** Files of a tree with the given extension, relative paths sorted, no symbolic links followed. */
export async function sourceFiles(root: string, extension: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && extname(entry.name) === extension)
    .map((entry) => relative(root, join(entry.parentPath, entry.name)))
    .sort();
}

interface JscpdSide {
  name: string;
  start: number;
  end: number;
}
interface JscpdReport {
  duplicates: { firstFile: JscpdSide; secondFile: JscpdSide }[];
  statistics: { total: { lines: number } };
}

/** jscpd 5.3.2 with comments skipped and identifiers and literals normalized, as our tokenizer does. */
export async function runJscpd(tree: string, extension: string, minTokens = 50): Promise<ToolResult> {
  // jscpd reports real paths (symbolic links resolved).
  const root = await realpath(tree);
  const output = await mkdtemp(join(tmpdir(), 'jscpd-'));
  try {
    const started = performance.now();
    const args = [
      root,
      '--min-tokens',
      String(minTokens),
      '--mode',
      'weak',
      '--ignore-identifiers',
      '--ignore-literals',
    ];
    args.push('--format', FORMATS[extension]?.format ?? '', '--pattern', `**/*${extension}`);
    args.push('--max-size', '100mb', '--no-gitignore');
    args.push('--reporters', 'json', '--output', output, '--silent', '--no-tips', '--absolute', '--workers', '1');
    await run(JSCPD, args, { maxBuffer: 1 << 26 });
    const milliseconds = performance.now() - started;
    const report = JSON.parse(await readFile(join(output, 'jscpd-report.json'), 'utf8')) as JscpdReport;
    const side = ({ name, start, end }: JscpdSide): PairSide => ({
      path: relative(root, name),
      startLine: start,
      endLine: end,
    });
    const pairs = report.duplicates.map(({ firstFile, secondFile }): [PairSide, PairSide] => [
      side(firstFile),
      side(secondFile),
    ]);
    return {
      pairs,
      duplicatedLines: duplicatedLineSet(pairs).size,
      totalLines: report.statistics.total.lines,
      milliseconds,
    };
  } finally {
    await rm(output, { recursive: true, force: true });
  }
}

/** Our analysis the way the service runs it: fingerprint each file, serialize, deserialize, merge. */
export async function runOurs(
  root: string,
  extension: string,
  minTokens = 50,
): Promise<ToolResult & { report: DuplicationReport; bytes: number }> {
  const started = performance.now();
  const language = FORMATS[extension]?.language ?? 'Text';
  const records = [];
  for (const path of await sourceFiles(root, extension)) {
    records.push(fingerprintFile(path, language, await readFile(join(root, path), 'utf8'), { minTokens }));
  }
  const bytes = serializeFingerprints(records);
  const report = findDuplication(deserializeFingerprints(bytes), { minTokens });
  const milliseconds = performance.now() - started;
  const pairs = report.blocks.flatMap(({ occurrences }) =>
    occurrences.slice(1).map((occurrence): [PairSide, PairSide] => [occurrences[0] as PairSide, occurrence]),
  );
  return {
    pairs,
    duplicatedLines: report.duplicatedLines,
    totalLines: report.totalLines,
    milliseconds,
    report,
    bytes: bytes.length,
  };
}

/** Whether two sides are in the same file and share at least one line. */
function overlaps(left: PairSide, right: PairSide): boolean {
  return left.path === right.path && left.startLine <= right.endLine && right.startLine <= left.endLine;
}

/**
 * Share of jscpd's clone pairs that we also found: a pair counts when one of our blocks has two
 * different occurrences overlapping its two sides. Blocks, not our pairs, because the tools pick a
 * different first occurrence (jscpd's walk order is not ours) for code repeated three times or more.
 */
export function pairRecall(theirs: [PairSide, PairSide][], ours: DuplicationReport): number {
  if (theirs.length === 0) return 1;
  const found = theirs.filter(([first, second]) =>
    ours.blocks.some(({ occurrences }) =>
      occurrences.some(
        (left, leftIndex) =>
          overlaps(left, first) &&
          occurrences.some((right, rightIndex) => rightIndex !== leftIndex && overlaps(right, second)),
      ),
    ),
  );
  return found.length / theirs.length;
}

/** Lines (path:line) inside at least one clone side. */
export function duplicatedLineSet(pairs: [PairSide, PairSide][]): Set<string> {
  const lines = new Set<string>();
  for (const pair of pairs) {
    for (const side of pair)
      for (let line = side.startLine; line <= side.endLine; line++) lines.add(`${side.path}:${line}`);
  }
  return lines;
}

/** Share of `of` also in `in`. */
export function shareIn(of: Set<string>, within: Set<string>): number {
  if (of.size === 0) return 1;
  let shared = 0;
  for (const line of of) if (within.has(line)) shared++;
  return shared / of.size;
}
