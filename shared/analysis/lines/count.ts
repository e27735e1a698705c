/**
 * Code, comment and blank lines of one file as cloc 1.96 counts them (`call_counter`): blank lines
 * first, then the language's comment filters, each followed by dropping the lines it left blank; every
 * line dropped by a filter is a comment line, the survivors are code.
 */
import type { LanguageName, LineCounts } from '#shared/analysis/model';
import { isBlank, type LineFilter } from './cloc-filters.ts';
import { type ClocProfile, clocProfile } from './cloc-languages.ts';

/** No comment syntax: what cloc does for JSON, and our fallback. */
const PLAIN: ClocProfile = { filters: [], continuation: false, script: false };

/**
 * cloc's per-file counts for `text` in `language`; a language cloc's rules are not known for here
 * (`countsLikeCloc` false) has every non-blank line counted as code.
 */
export function countLines(language: LanguageName, text: string): LineCounts {
  const profile = clocProfile(language) ?? PLAIN;
  const lines = readLines(text);
  const nonBlank = dropBlank(lines, profile.continuation);
  const blank = lines.length - nonBlank.length;
  let remaining = nonBlank;
  for (const filter of profile.filters) {
    remaining = applyFilter(filter, remaining, profile.continuation);
  }
  let code = remaining.length;
  // cloc puts a script's `#!` line back when a filter removed or changed it.
  if (
    profile.script &&
    nonBlank.length > 0 &&
    nonBlank[0]!.startsWith('#!') &&
    (code === 0 || remaining[0] !== nonBlank[0])
  ) {
    code++;
  }
  return { code, comment: lines.length - blank - code, blank };
}

/** Whether `countLines` follows cloc's comment rules for the language. */
export function countsLikeCloc(language: LanguageName): boolean {
  return clocProfile(language) !== undefined;
}

/** cloc's `read_file`: lines split on \n, a byte-order mark dropped, one \r before each line end dropped. */
function readLines(text: string): string[] {
  if (text === '') return [];
  const lines = withoutByteOrderMark(text).split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;
    if (line.endsWith('\r')) lines[index] = line.slice(0, -1);
  }
  return lines;
}

/** A UTF-8 byte-order mark, decoded (U+FEFF) or read as Latin-1 bytes. */
function withoutByteOrderMark(text: string): string {
  if (text.startsWith('\uFEFF')) return text.slice(1);
  if (text.startsWith('\xEF\xBB\xBF')) return text.slice(3);
  return text;
}

function applyFilter(filter: LineFilter, lines: string[], continuation: boolean): string[] {
  return dropBlank(filter(lines), continuation);
}

/** cloc's blank pass; with line continuation a blank line right after a line ending in `\` stays. */
function dropBlank(lines: readonly string[], continuation: boolean): string[] {
  const kept: string[] = [];
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;
    if (isBlank(line) && !(continuation && index > 0 && lines[index - 1]!.endsWith('\\'))) continue;
    kept.push(line);
  }
  return kept;
}
