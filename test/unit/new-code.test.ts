import { describe, expect, it } from 'vitest';
import {
  compareWithBase,
  countNewLines,
  type FileDigest,
  functionDigest,
  lineHashesOf,
} from '#shared/analysis/new-code';

function file(path: string, text: string, functions: [name: string, start: number, end: number][] = []): FileDigest {
  const lineHashes = lineHashesOf(text);
  return {
    path,
    lineHashes,
    functions: functions.map(([name, start, end]) => functionDigest(name, start, end, lineHashes)),
  };
}

const BASE_UTIL =
  'export function add(a, b) {\n  return a + b;\n}\n\nexport function sub(a, b) {\n  return a - b;\n}\n';

describe('new code compared with the base analysis', () => {
  it('sorts files into added, changed and removed, and leaves untouched files out', () => {
    const base = [file('src/util.js', BASE_UTIL), file('src/old.js', 'x\n'), file('README.md', '# r\n')];
    const current = [
      file('src/util.js', `${BASE_UTIL}// more\n`),
      file('src/new.js', 'y\n'),
      file('README.md', '# r\n'),
    ];
    const newCode = compareWithBase(base, current);
    expect(newCode).toMatchObject({ added: ['src/new.js'], changed: ['src/util.js'], removed: ['src/old.js'] });
    expect([...(newCode.newLines.get('src/util.js') ?? [])]).toEqual([8]);
    expect([...(newCode.newLines.get('src/new.js') ?? [])]).toEqual([1]);
    expect(newCode.newLines.has('README.md')).toBe(false);
  });

  it('finds the lines inserted in the middle of a file, not the ones that moved down', () => {
    const after = BASE_UTIL.replace('  return a + b;\n', '  const sum = a + b;\n  return sum;\n');
    const newCode = compareWithBase([file('u.js', BASE_UTIL)], [file('u.js', after)]);
    expect([...(newCode.newLines.get('u.js') ?? [])]).toEqual([2, 3]);
  });

  it('counts a file whose lines were only deleted as changed with no new lines', () => {
    const newCode = compareWithBase(
      [file('u.js', BASE_UTIL)],
      [file('u.js', BASE_UTIL.split('\n').slice(0, 4).join('\n'))],
    );
    expect(newCode.changed).toEqual(['u.js']);
    expect(newCode.newLines.has('u.js')).toBe(false);
  });

  it('counts a file rewritten past the diff budget line by line: lines that only moved are not new', () => {
    // Prepare: 1,000 distinct lines, reversed (a line diff finds 999 inserted), and a full rewrite
    const lines = Array.from({ length: 1000 }, (_, index) => `line ${index}`);
    const reversed = [...lines].reverse();
    const rewritten = [...lines.map((line) => `${line} edited`), 'line 7'];

    // Act
    const newCode = compareWithBase(
      [file('r.txt', `${lines.join('\n')}\n`), file('w.txt', `${lines.join('\n')}\n`)],
      [file('r.txt', `${reversed.join('\n')}\n`), file('w.txt', `${rewritten.join('\n')}\n`)],
    );

    // Assess: w.txt's 1,000 edited lines are new, its last line (a copy of line 8) is not
    expect(newCode.changed).toEqual(['r.txt', 'w.txt']);
    expect(newCode.newLines.has('r.txt')).toBe(false);
    expect(newCode.newLines.get('w.txt')?.size).toBe(1000);
    expect(newCode.newLines.get('w.txt')?.has(1001)).toBe(false);
  });

  it('tells new functions from changed ones and ignores a function that only moved', () => {
    const base = [
      file('u.js', BASE_UTIL, [
        ['add', 1, 3],
        ['sub', 5, 7],
      ]),
    ];
    const after = `// header\n${BASE_UTIL.replace('a - b', 'b - a')}export function mul(a, b) {\n  return a * b;\n}\n`;
    const current = [
      file('u.js', after, [
        ['add', 2, 4],
        ['sub', 6, 8],
        ['mul', 9, 11],
      ]),
    ];
    const changes = compareWithBase(base, current).functions.map((fn) => [fn.name, fn.change, fn.startLine]);
    expect(changes).toEqual([
      ['sub', 'changed', 6],
      ['mul', 'new', 9],
    ]);
  });

  it('matches overloads of one name in order', () => {
    const text = 'f(int a) {\n}\nf(String s) {\n}\n';
    const base = [
      file('F.java', text, [
        ['f', 1, 2],
        ['f', 3, 4],
      ]),
    ];
    const after = 'f(int a) {\n}\nf(String s) {\n  s.trim();\n}\n';
    const current = [
      file('F.java', after, [
        ['f', 1, 2],
        ['f', 3, 5],
      ]),
    ];
    expect(compareWithBase(base, current).functions).toEqual([
      { path: 'F.java', name: 'f', startLine: 3, endLine: 5, change: 'changed' },
    ]);
  });

  it('counts covered or duplicated new lines among the new lines a report looks at', () => {
    const newCode = compareWithBase([file('u.js', 'a\nb\n')], [file('u.js', 'a\nb\nc\nd\ne\n')]);
    const covered = new Map([['u.js', new Set([3, 4])]]);
    const instrumented = new Map([['u.js', new Set([3, 4, 5, 1])]]);
    expect(countNewLines(newCode, covered)).toEqual({ matching: 2, total: 3 });
    expect(countNewLines(newCode, covered, instrumented)).toEqual({ matching: 2, total: 3 });
    expect(countNewLines(newCode, covered, new Map([['u.js', new Set([3])]]))).toEqual({ matching: 1, total: 1 });
    expect(countNewLines(newCode, covered, new Map())).toEqual({ matching: 0, total: 0 });
  });
});
