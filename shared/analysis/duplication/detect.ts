/**
 * The merge half of duplication analysis: clone blocks across every file of a snapshot, found
 * from the per-file records that fingerprints.ts made in the batches.
 *
 * As in jscpd (Rabin–Karp over windows of minTokens tokens, one language at a time): each window
 * is looked up among the windows seen before it; a window equal to an earlier one points at that
 * window's first occurrence, and a run of consecutive windows pointing at consecutive windows is
 * one clone of (run + minTokens − 1) tokens. Clones sharing the same first occurrence and length
 * are one block with every occurrence. Memory is typed arrays of about 32 bytes per token of the
 * language being matched, plus the records themselves.
 */

import type { CodeLocation, LanguageName } from '#shared/analysis/model';
import { DEFAULT_MIN_TOKENS, type FileFingerprints } from './fingerprints.ts';

/** jscpd's default: a clone's first occurrence spans at least this many lines after its first. */
export const DEFAULT_MIN_LINES = 5;

export interface DuplicationOptions {
  /** The fewest tokens a clone has (jscpd `--min-tokens`, default 50). */
  minTokens?: number;
  /** endLine − startLine of a clone's first occurrence is at least this (jscpd `--min-lines`, default 5). */
  minLines?: number;
}

/** A duplicated token sequence and every place it occurs. */
export interface CloneBlock {
  tokens: number;
  /** Lines of the first occurrence, endLine − startLine + 1. */
  lines: number;
  /** At least two, the first occurrence first, then in snapshot order. */
  occurrences: CodeLocation[];
}

export interface FileDuplication {
  path: string;
  lines: number;
  /** Distinct lines of this file inside at least one occurrence. */
  duplicatedLines: number;
  percentage: number;
}

export interface DuplicationReport {
  blocks: CloneBlock[];
  files: FileDuplication[];
  duplicatedLines: number;
  totalLines: number;
  percentage: number;
}

const percentOf = (part: number, whole: number): number => (whole === 0 ? 0 : (part / whole) * 100);

/** Finds clone blocks across all records (of the same language) and the duplicated lines per file. */
export function findDuplication(records: FileFingerprints[], options: DuplicationOptions = {}): DuplicationReport {
  const minTokens = options.minTokens ?? DEFAULT_MIN_TOKENS;
  const minLines = options.minLines ?? DEFAULT_MIN_LINES;
  const byLanguage = new Map<LanguageName, FileFingerprints[]>();
  for (const record of records) {
    if (record.codes.length < minTokens) continue;
    const group = byLanguage.get(record.language) ?? [];
    group.push(record);
    byLanguage.set(record.language, group);
  }
  const blocks = [...byLanguage.values()].flatMap((group) => findBlocks(group, minTokens, minLines));
  blocks.sort(
    (left, right) =>
      right.tokens - left.tokens ||
      (left.occurrences[0] as CodeLocation).path.localeCompare((right.occurrences[0] as CodeLocation).path) ||
      (left.occurrences[0] as CodeLocation).startLine - (right.occurrences[0] as CodeLocation).startLine,
  );

  const duplicated = new Map<string, Uint8Array>();
  const lineCount = new Map(records.map((record) => [record.path, record.lines]));
  for (const { occurrences } of blocks) {
    for (const { path, startLine, endLine } of occurrences) {
      let marks = duplicated.get(path);
      if (!marks) {
        marks = new Uint8Array((lineCount.get(path) ?? endLine) + 1);
        duplicated.set(path, marks);
      }
      marks.fill(1, startLine, Math.min(endLine, marks.length - 1) + 1);
    }
  }
  const files = records.map(({ path, lines }) => {
    const duplicatedLines = duplicated.get(path)?.reduce((sum, mark) => sum + mark, 0) ?? 0;
    return { path, lines, duplicatedLines, percentage: percentOf(duplicatedLines, lines) };
  });
  const totalLines = files.reduce((sum, file) => sum + file.lines, 0);
  const duplicatedLines = files.reduce((sum, file) => sum + file.duplicatedLines, 0);
  return { blocks, files, duplicatedLines, totalLines, percentage: percentOf(duplicatedLines, totalLines) };
}

const BASE_HIGH = 0x01000193;
const BASE_LOW = 0x5bd1e995;

/** Clone blocks among files of one language (clones never cross languages, as in jscpd). */
function findBlocks(group: FileFingerprints[], minTokens: number, minLines: number): CloneBlock[] {
  // Global token codes across the group, so equal symbols of different files compare equal.
  const globalCode = new Map<string, number>();
  const fileStart = new Int32Array(group.length + 1);
  for (let file = 0; file < group.length; file++) {
    fileStart[file + 1] = (fileStart[file] as number) + (group[file] as FileFingerprints).codes.length;
  }
  const tokenCount = fileStart[group.length] as number;
  const codes = new Int32Array(tokenCount);
  group.forEach((record, file) => {
    const local = record.vocabulary.map((symbol) => {
      let code = globalCode.get(symbol);
      if (code === undefined) {
        code = globalCode.size;
        globalCode.set(symbol, code);
      }
      return code;
    });
    const offset = fileStart[file] as number;
    record.codes.forEach((code, index) => {
      codes[offset + index] = local[code] as number;
    });
  });

  // Two independent 32-bit polynomial rolling hashes of every window (64 bits together).
  const hashHigh = new Uint32Array(tokenCount);
  const hashLow = new Uint32Array(tokenCount);
  let powerHigh = 1;
  let powerLow = 1;
  for (let step = 1; step < minTokens; step++) {
    powerHigh = Math.imul(powerHigh, BASE_HIGH);
    powerLow = Math.imul(powerLow, BASE_LOW);
  }
  const mixHigh = (code: number): number => Math.imul(code + 1, 0x9e3779b1);
  const mixLow = (code: number): number => Math.imul(code + 7, 0x85ebca6b) ^ 0x2545f491;
  for (let file = 0; file < group.length; file++) {
    const start = fileStart[file] as number;
    const end = fileStart[file + 1] as number;
    let high = 0;
    let low = 0;
    for (let index = start; index < end; index++) {
      const code = codes[index] as number;
      if (index - start >= minTokens) {
        const leaving = codes[index - minTokens] as number;
        high = (high - Math.imul(mixHigh(leaving), powerHigh)) | 0;
        low = (low - Math.imul(mixLow(leaving), powerLow)) | 0;
      }
      high = (Math.imul(high, BASE_HIGH) + mixHigh(code)) | 0;
      low = (Math.imul(low, BASE_LOW) + mixLow(code)) | 0;
      if (index - start >= minTokens - 1) {
        hashHigh[index - minTokens + 1] = high;
        hashLow[index - minTokens + 1] = low;
      }
    }
  }

  const sameWindow = (left: number, right: number): boolean => {
    if (hashHigh[left] !== hashHigh[right] || hashLow[left] !== hashLow[right]) return false;
    for (let offset = 0; offset < minTokens; offset++) if (codes[left + offset] !== codes[right + offset]) return false;
    return true;
  };

  // Open-addressing table of first occurrences; firstOccurrence[p] is −1 for a window seen first.
  let capacity = 1024;
  while (capacity < tokenCount * 2) capacity *= 2;
  const table = new Int32Array(capacity).fill(-1);
  const firstOccurrence = new Int32Array(tokenCount).fill(-1);
  for (let file = 0; file < group.length; file++) {
    const lastWindow = (fileStart[file + 1] as number) - minTokens;
    for (let window = fileStart[file] as number; window <= lastWindow; window++) {
      let slot = (hashLow[window] as number) & (capacity - 1);
      for (;;) {
        const stored = table[slot] as number;
        if (stored === -1) {
          table[slot] = window;
          break;
        }
        if (sameWindow(stored, window)) {
          firstOccurrence[window] = stored;
          break;
        }
        slot = (slot + 1) & (capacity - 1);
      }
    }
  }

  const fileOf = (token: number): number => {
    let low = 0;
    let high = group.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((fileStart[middle] as number) <= token) low = middle;
      else high = middle - 1;
    }
    return low;
  };
  const locate = (file: number, first: number, last: number): CodeLocation => {
    const record = group[file] as FileFingerprints;
    const offset = fileStart[file] as number;
    return {
      path: record.path,
      startLine: record.startLines[first - offset] as number,
      endLine: record.endLines[last - offset] as number,
    };
  };

  // A run of origins must not step from one file's last window into the next file's first.
  const startsFile = new Set(fileStart);
  const blocks = new Map<string, CloneBlock>();
  const flush = (file: number, origin: number, start: number, windows: number): void => {
    const tokens = windows + minTokens - 1;
    const first = locate(fileOf(origin), origin, origin + tokens - 1);
    if (first.endLine - first.startLine < minLines) return;
    const key = `${origin}:${tokens}`;
    let block = blocks.get(key);
    if (!block) {
      block = { tokens, lines: first.endLine - first.startLine + 1, occurrences: [first] };
      blocks.set(key, block);
    }
    block.occurrences.push(locate(file, start, start + tokens - 1));
  };
  for (let file = 0; file < group.length; file++) {
    const lastWindow = (fileStart[file + 1] as number) - minTokens;
    let runStart = -1;
    for (let window = fileStart[file] as number; window <= lastWindow + 1; window++) {
      const origin = window <= lastWindow ? (firstOccurrence[window] as number) : -1;
      const continues =
        runStart !== -1 &&
        origin !== -1 &&
        origin === (firstOccurrence[window - 1] as number) + 1 &&
        !startsFile.has(origin);
      if (continues) continue;
      if (runStart !== -1) flush(file, firstOccurrence[runStart] as number, runStart, window - runStart);
      runStart = origin === -1 ? -1 : window;
    }
  }
  return [...blocks.values()];
}
