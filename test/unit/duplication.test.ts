import { describe, expect, it } from 'vitest';
import {
  deserializeFingerprints,
  findDuplication,
  fingerprintFile,
  serializeFingerprints,
} from '#shared/analysis/duplication/index';

const OPERATORS = ['+', '-', '*', '/', '%', '&', '|', '^'];

/**
 * A TypeScript function: an 11-token first line (`export function name ( input : number ) :
 * number {`), `statements` lines of 12 tokens (`const id = id ( id op literal , literal ) ;`,
 * plus 4 for each `.next()`), then `return input;` (3) and `}` (1). No two statements are alike,
 * so the function holds no clone of itself.
 */
function typescriptFunction(name: string, statements: number, vary: (index: number) => string = String): string {
  const body = Array.from({ length: statements }, (_, index) => {
    const operator = OPERATORS[index % OPERATORS.length];
    const calls = '.next()'.repeat(Math.floor(index / OPERATORS.length));
    return `  const value${vary(index)} = compute(input ${operator} ${vary(index)}, 'label${vary(index)}')${calls};`;
  });
  return [`export function ${name}(input: number): number {`, ...body, '  return input;', '}'].join('\n');
}

const analyse = (files: Record<string, string>, language = 'TypeScript', minTokens = 50) =>
  findDuplication(
    Object.entries(files).map(([path, text]) => fingerprintFile(path, language, text, { minTokens })),
    { minTokens },
  );

describe('findDuplication', () => {
  it('finds a clone across two files with both occurrences and their exact lines', () => {
    const clone = typescriptFunction('copied', 8);
    const first = ['// first file', 'import { compute } from "./compute"', '', clone, ''].join('\n');
    const second = ['let unrelated = 1;', clone, 'console.log(unrelated);', ''].join('\n');
    const report = analyse({ 'src/a.ts': first, 'src/b.ts': second });

    expect(report.blocks).toHaveLength(1);
    expect(report.blocks[0]?.occurrences).toEqual([
      { path: 'src/a.ts', startLine: 4, endLine: 14 },
      { path: 'src/b.ts', startLine: 2, endLine: 12 },
    ]);
    expect(report.blocks[0]?.lines).toBe(11);
    expect(report.files).toEqual([
      { path: 'src/a.ts', lines: 14, duplicatedLines: 11, percentage: (11 / 14) * 100 },
      { path: 'src/b.ts', lines: 13, duplicatedLines: 11, percentage: (11 / 13) * 100 },
    ]);
    expect(report.duplicatedLines).toBe(22);
    expect(report.totalLines).toBe(27);
  });

  it('matches code whose identifiers are renamed and literals changed, but not changed keywords', () => {
    const original = typescriptFunction('original', 8);
    const renamed = typescriptFunction('renamed', 8, (index) => String(index * 7 + 100));
    expect(analyse({ 'a.ts': original, 'b.ts': renamed }).blocks).toHaveLength(1);

    const otherKeyword = original.replaceAll('const', 'let');
    expect(analyse({ 'a.ts': original, 'b.ts': otherKeyword }).blocks).toEqual([]);
  });

  it('ignores comments and layout', () => {
    const original = typescriptFunction('original', 8);
    const commented = original.replaceAll(';', '; // note').replaceAll('(', ' (\n');
    expect(analyse({ 'a.ts': original, 'b.ts': commented }).blocks).toHaveLength(1);
  });

  it('does not report a duplicate shorter than minTokens or than minLines', () => {
    // 11 + 3 × 12 + 3 + 1 = 51 tokens on 6 lines.
    const short = typescriptFunction('short', 3);
    expect(analyse({ 'a.ts': short, 'b.ts': short }, 'TypeScript', 52).blocks).toEqual([]);
    expect(analyse({ 'a.ts': short, 'b.ts': short }, 'TypeScript', 51).blocks).toEqual([
      {
        tokens: 51,
        lines: 6,
        occurrences: [
          { path: 'a.ts', startLine: 1, endLine: 6 },
          { path: 'b.ts', startLine: 1, endLine: 6 },
        ],
      },
    ]);

    // 60 tokens on three lines: enough tokens, too few lines (jscpd: endLine − startLine ≥ 5).
    const wide = Array.from({ length: 3 }, (_, line) => `call(a${line}, b, c, d, e, f, g, h, i);`).join('\n');
    const report = analyse({ 'a.ts': wide, 'b.ts': wide }, 'TypeScript', 20);
    expect(report.blocks).toEqual([]);
  });

  it('finds a clone within one file', () => {
    const text = [typescriptFunction('one', 8), '', typescriptFunction('two', 8)].join('\n');
    const report = analyse({ 'same.ts': text });
    expect(report.blocks).toHaveLength(1);
    expect(report.blocks[0]?.occurrences).toEqual([
      { path: 'same.ts', startLine: 1, endLine: 11 },
      { path: 'same.ts', startLine: 13, endLine: 23 },
    ]);
    expect(report.files[0]?.duplicatedLines).toBe(22);
  });

  it('groups three occurrences of the same code as one block', () => {
    const clone = typescriptFunction('thrice', 8);
    const report = analyse({ 'a.ts': clone, 'b.ts': `\n${clone}`, 'c.ts': `\n\n${clone}` });
    expect(report.blocks).toHaveLength(1);
    expect(report.blocks[0]?.occurrences.map(({ path, startLine }) => [path, startLine])).toEqual([
      ['a.ts', 1],
      ['b.ts', 2],
      ['c.ts', 3],
    ]);
  });

  it('never matches files of different languages', () => {
    const python = Array.from({ length: 10 }, (_, line) => `value = compute(source${', x'.repeat(line)})`).join('\n');
    const records = [
      fingerprintFile('a.py', 'Python', python),
      fingerprintFile('b.rb', 'Ruby', python),
      fingerprintFile('c.py', 'Python', python),
    ];
    const report = findDuplication(records);
    expect(report.blocks.map(({ occurrences }) => occurrences.map(({ path }) => path))).toEqual([['a.py', 'c.py']]);
  });

  it('reads Python comments, strings and keywords', () => {
    const python = (name: string, comment: string, keyword: string) =>
      [
        `def ${name}(items):`,
        `    # ${comment}`,
        ...Array.from({ length: 8 }, (_, i) => `    ${keyword} item${i} in items: total += len("s${i}") * ${i}`),
      ].join('\n');
    const report = findDuplication([
      fingerprintFile('a.py', 'Python', python('first', 'one comment', 'for')),
      fingerprintFile('b.py', 'Python', python('second', "a different comment, isn't it", 'for')),
      fingerprintFile('c.py', 'Python', python('third', 'one comment', 'while')),
    ]);
    expect(report.blocks.map(({ occurrences }) => occurrences.map(({ path }) => path))).toEqual([['a.py', 'b.py']]);
  });
});

describe('serializeFingerprints', () => {
  it('round-trips records, multi-line tokens included, in a few bytes a line', () => {
    const dollar = '$';
    const template = `const page = \`\n  <p>${dollar}{title}</p>\n  <p>${dollar}{body}</p>\n\`;\n`;
    const text = template + typescriptFunction('serialized', 40);
    const records = [fingerprintFile('a.ts', 'TypeScript', text), fingerprintFile('empty.ts', 'TypeScript', '')];
    const bytes = serializeFingerprints(records);
    const decoded = deserializeFingerprints(bytes);

    expect(decoded).toEqual(records);
    expect(decoded[0]?.endLines[3]).toBe(2);
    expect(bytes.length / (records[0]?.lines ?? 1)).toBeLessThan(40);
  });

  it('refuses bytes it did not write', () => {
    expect(() => deserializeFingerprints(new TextEncoder().encode('{"path":"a.ts"}'))).toThrow(RangeError);
    const bytes = serializeFingerprints([fingerprintFile('a.ts', 'TypeScript', typescriptFunction('cut', 10))]);
    expect(() => deserializeFingerprints(bytes.subarray(0, bytes.length - 3))).toThrow(RangeError);
  });
});
