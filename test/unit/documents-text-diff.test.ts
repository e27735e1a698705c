import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type TextHunk, textDiff } from '#shared/documents/text-diff';

// The line diff of two versions against GNU diffutils (`diff --minimal -U3`) and GNU patch, on
// real successive versions of documents nobody here wrote: modules of Python's standard library
// from one release to the next (pyenv's trees on this machine).

const PYENV = '/root/.pyenv/versions';
const PAIRS: [string, string][] = [
  ['3.10.13/lib/python3.10/textwrap.py', '3.11.7/lib/python3.11/textwrap.py'],
  ['3.11.7/lib/python3.11/shlex.py', '3.12.1/lib/python3.12/shlex.py'],
  ['3.10.13/lib/python3.10/fnmatch.py', '3.11.7/lib/python3.11/fnmatch.py'],
  ['3.12.1/lib/python3.12/fnmatch.py', '3.13.0/lib/python3.13/fnmatch.py'],
  ['3.10.13/lib/python3.10/glob.py', '3.11.7/lib/python3.11/glob.py'],
  ['3.12.1/lib/python3.12/glob.py', '3.13.0/lib/python3.13/glob.py'],
];

const work = mkdtempSync(join(tmpdir(), 'text-diff-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The hunks of a unified diff text (GNU's), as data. */
function hunksOf(unified: string): TextHunk[] {
  const hunks: TextHunk[] = [];
  for (const line of unified.split('\n')) {
    const header = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/.exec(line);
    if (header) {
      hunks.push({
        oldStart: Number(header[1]),
        oldLines: header[2] === undefined ? 1 : Number(header[2]),
        newStart: Number(header[3]),
        newLines: header[4] === undefined ? 1 : Number(header[4]),
        lines: [],
      });
    } else if (hunks.length > 0 && /^[ +-]/.test(line)) {
      hunks[hunks.length - 1]!.lines.push(line);
    }
  }
  return hunks;
}

const count = (hunks: TextHunk[], marker: string) =>
  hunks.reduce((sum, hunk) => sum + hunk.lines.filter((line) => line.startsWith(marker)).length, 0);

describe('textDiff against GNU diff and patch, on real successive versions', () => {
  it.each(PAIRS)('%s → %s', (from, to) => {
    const [oldPath, newPath] = [join(PYENV, from), join(PYENV, to)];
    const [oldText, newText] = [readFileSync(oldPath, 'utf8'), readFileSync(newPath, 'utf8')];
    const gnu = spawnSync('diff', ['--minimal', '-U3', oldPath, newPath], { encoding: 'utf8' });
    expect(gnu.status).toBe(1);

    const { unified, hunks } = textDiff('v1', 'v2', oldText, newText);

    // A minimal diff removes and adds as many lines as GNU's minimal one, in as many hunks starting
    // at the same lines. Where a change is ambiguous (a blank line added beside a changed one, in
    // glob.py 3.12 → 3.13) jsdiff places it after, GNU before, so a hunk's length may differ by
    // the context line that follows.
    const reference = hunksOf(gnu.stdout);
    expect(count(hunks, '-')).toBe(count(reference, '-'));
    expect(count(hunks, '+')).toBe(count(reference, '+'));
    expect(hunks.map(({ oldStart, newStart }) => [oldStart, newStart])).toEqual(
      reference.map(({ oldStart, newStart }) => [oldStart, newStart]),
    );
    expect(hunksOf(unified)).toEqual(hunks);
    // GNU patch applies the unified text to the old version and gets the new one.
    const target = join(work, 'document');
    writeFileSync(target, oldText);
    writeFileSync(join(work, 'change.patch'), unified);
    execFileSync('patch', ['--silent', '--batch', target, join(work, 'change.patch')]);
    expect(readFileSync(target, 'utf8')).toBe(newText);
  });

  it('answers no hunks and an empty patch body for identical versions', () => {
    const text = readFileSync(join(PYENV, PAIRS[0]![0]), 'utf8');
    const { unified, hunks } = textDiff('v1', 'v2', text, text);
    expect(hunks).toEqual([]);
    expect(unified).not.toContain('@@');
  });
});
