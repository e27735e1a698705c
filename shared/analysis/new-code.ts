import { createHash } from 'node:crypto';
import { diffArrays } from 'diff';

// What is new in an analysis compared with its base (the latest completed analysis of its
// branch, or of the `baseBranch` it names): files added, changed and removed, the new lines of
// each file, and the functions that are new or changed. Pure: the merge step gives it both
// analyses' per-file digests. Like SonarQube's "new code", an analysis without a base has no
// new code (its new-code measures are not applicable) rather than all of it being new.

/** A function as the comparison sees it: where it is and a digest of its lines. */
export interface FunctionDigest {
  name: string;
  startLine: number;
  endLine: number;
  bodyHash: string;
}

/** What an analysis keeps of each file so the next analysis can compare: one hash per line. */
export interface FileDigest {
  path: string;
  lineHashes: readonly string[];
  functions: readonly FunctionDigest[];
}

/** A function of the current analysis that is new or changed, by file. */
export interface FunctionChange {
  path: string;
  name: string;
  startLine: number;
  endLine: number;
  change: 'new' | 'changed';
}

export interface NewCode {
  added: string[];
  changed: string[];
  removed: string[];
  /** Per file of the current analysis, its new lines (1-based); absent files have none. */
  newLines: Map<string, ReadonlySet<number>>;
  functions: FunctionChange[];
}

/** Characters of one line hash (72 bits of SHA-1, base64url). */
const LINE_HASH_LENGTH = 12;

/** Hashes of a file's lines, as the comparison needs them (short: a collision only hides a changed line). */
export function lineHashesOf(text: string): string[] {
  const lines = text.split(/\r\n|\r|\n/);
  if (lines.at(-1) === '') lines.pop();
  return lines.map((line) => createHash('sha1').update(line).digest('base64url').slice(0, LINE_HASH_LENGTH));
}

/**
 * A file's digest as an analysis stores it for the next one: its line hashes end to end (fixed
 * width, no separators) and each function as `[name, startLine, endLine]`, since a function's
 * body hash follows from the line hashes.
 */
export interface PackedFileDigest {
  lines: string;
  functions: [name: string, startLine: number, endLine: number][];
}

/** Packs a file's line hashes and its functions' places for storage. */
export function packFileDigest(
  lineHashes: readonly string[],
  functions: readonly { name: string; startLine: number; endLine: number }[],
): PackedFileDigest {
  return { lines: lineHashes.join(''), functions: functions.map((fn) => [fn.name, fn.startLine, fn.endLine]) };
}

/** The digest a stored file digest stands for (function body hashes recomputed). */
export function unpackFileDigest(path: string, packed: PackedFileDigest): FileDigest {
  const lineHashes: string[] = [];
  for (let offset = 0; offset < packed.lines.length; offset += LINE_HASH_LENGTH) {
    lineHashes.push(packed.lines.slice(offset, offset + LINE_HASH_LENGTH));
  }
  return {
    path,
    lineHashes,
    functions: packed.functions.map(([name, startLine, endLine]) =>
      functionDigest(name, startLine, endLine, lineHashes),
    ),
  };
}

/** A function's digest: its lines' hashes, so moving it within the file does not change it. */
export function functionDigest(
  name: string,
  startLine: number,
  endLine: number,
  lineHashes: readonly string[],
): FunctionDigest {
  const body = lineHashes.slice(startLine - 1, endLine).join('\n');
  return { name, startLine, endLine, bodyHash: createHash('sha1').update(body).digest('base64url').slice(0, 16) };
}

/** Compares the current analysis's files with its base's. */
export function compareWithBase(base: readonly FileDigest[], current: readonly FileDigest[]): NewCode {
  const before = new Map(base.map((file) => [file.path, file]));
  const now = new Set(current.map((file) => file.path));
  const result: NewCode = {
    added: [],
    changed: [],
    removed: base.filter((file) => !now.has(file.path)).map((file) => file.path),
    newLines: new Map(),
    functions: [],
  };
  for (const file of current) {
    const previous = before.get(file.path);
    if (previous === undefined) {
      result.added.push(file.path);
      result.newLines.set(file.path, new Set(file.lineHashes.map((_, index) => index + 1)));
      result.functions.push(...file.functions.map((fn) => functionChange(file.path, fn, 'new')));
      continue;
    }
    if (sameLines(previous.lineHashes, file.lineHashes)) continue;
    const lines = addedLines(previous.lineHashes, file.lineHashes);
    result.changed.push(file.path);
    if (lines.size > 0) result.newLines.set(file.path, lines);
    result.functions.push(...changedFunctions(file.path, previous.functions, file.functions));
  }
  for (const list of [result.added, result.changed, result.removed]) list.sort();
  return result;
}

function sameLines(before: readonly string[], after: readonly string[]): boolean {
  return before.length === after.length && before.every((hash, index) => hash === after[index]);
}

/**
 * Edits (lines added or removed) past which the line diff gives way to counting: Myers' diff
 * costs O((N + M) · D), and jsdiff took 31 s on a 5,000-line file rewritten, 0.1 s capped here.
 */
const MAX_DIFF_EDITS = 200;

/**
 * The lines of `after` that are not in `before`, by a line diff (Myers, through jsdiff). A file
 * rewritten past MAX_DIFF_EDITS is counted instead: a line is new when `before` has no copy of
 * it left over (so a line that only moved is not new there).
 */
function addedLines(before: readonly string[], after: readonly string[]): Set<number> {
  const counted = unmatchedLines(before, after);
  // Each unmatched line is at least one edit on either side: a lower bound of the diff's length.
  if (counted.added.size + counted.removed > MAX_DIFF_EDITS) return counted.added;
  const parts = diffArrays(before as string[], after as string[], { maxEditLength: MAX_DIFF_EDITS });
  if (parts === undefined) return counted.added;
  const added = new Set<number>();
  let line = 1;
  for (const part of parts) {
    if (part.removed) continue;
    if (part.added) for (let i = 0; i < part.count; i++) added.add(line + i);
    line += part.count;
  }
  return added;
}

/** The lines of `after` with no copy left in `before` (1-based), and how many lines of `before` are left over. */
function unmatchedLines(before: readonly string[], after: readonly string[]): { added: Set<number>; removed: number } {
  const copies = new Map<string, number>();
  for (const hash of before) copies.set(hash, (copies.get(hash) ?? 0) + 1);
  const added = new Set<number>();
  let matched = 0;
  after.forEach((hash, index) => {
    const left = copies.get(hash) ?? 0;
    if (left === 0) added.add(index + 1);
    else {
      copies.set(hash, left - 1);
      matched += 1;
    }
  });
  return { added, removed: before.length - matched };
}

/**
 * Functions matched by name within the file (the n-th of a name with the n-th, for overloads):
 * one without a match is new, one whose lines differ is changed.
 */
function changedFunctions(
  path: string,
  before: readonly FunctionDigest[],
  after: readonly FunctionDigest[],
): FunctionChange[] {
  const previous = new Map<string, FunctionDigest[]>();
  for (const fn of before) previous.set(fn.name, [...(previous.get(fn.name) ?? []), fn]);
  const seen = new Map<string, number>();
  const changes: FunctionChange[] = [];
  for (const fn of after) {
    const occurrence = seen.get(fn.name) ?? 0;
    seen.set(fn.name, occurrence + 1);
    const match = previous.get(fn.name)?.[occurrence];
    if (match === undefined) changes.push(functionChange(path, fn, 'new'));
    else if (match.bodyHash !== fn.bodyHash) changes.push(functionChange(path, fn, 'changed'));
  }
  return changes;
}

function functionChange(path: string, fn: FunctionDigest, change: 'new' | 'changed'): FunctionChange {
  return { path, name: fn.name, startLine: fn.startLine, endLine: fn.endLine, change };
}

/** How many of the new lines are in `lines` (duplicated or covered ones, say), and how many new lines were looked at. */
export function countNewLines(
  newCode: NewCode,
  lines: ReadonlyMap<string, ReadonlySet<number>>,
  among?: ReadonlyMap<string, ReadonlySet<number>>,
): { matching: number; total: number } {
  let matching = 0;
  let total = 0;
  for (const [path, newLines] of newCode.newLines) {
    const marked = lines.get(path);
    const considered = among?.get(path);
    for (const line of newLines) {
      if (considered !== undefined && !considered.has(line)) continue;
      if (among !== undefined && considered === undefined) continue;
      total += 1;
      if (marked?.has(line)) matching += 1;
    }
  }
  return { matching, total };
}
