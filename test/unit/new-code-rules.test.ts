import { describe, expect, it } from 'vitest';
import { findCycles } from '#shared/analysis/dependencies/graph';
import type { FunctionMetrics } from '#shared/analysis/model';
import {
  compareWithBase,
  type FileDigest,
  functionDigest,
  lineHashesOf,
  packFileDigest,
  unpackFileDigest,
} from '#shared/analysis/new-code';
import {
  changedFunctionsComplexity,
  chooseBase,
  duplicatedNewLines,
  newCodeSection,
  newCycles,
} from '#shared/analysis/new-code-rules';

function digest(path: string, lines: string[], functions: [string, number, number][] = []): FileDigest {
  const lineHashes = lineHashesOf(`${lines.join('\n')}\n`);
  return { path, lineHashes, functions: functions.map(([name, s, e]) => functionDigest(name, s, e, lineHashes)) };
}

const at = (minute: number) => `2026-03-01T10:${String(minute).padStart(2, '0')}:00.000Z`;

describe('the base analysis', () => {
  const current = { id: 'a5', createdAt: at(19), startedAt: at(20) };

  it('is the newest completed analysis of the branch that ended before this one began', () => {
    // Prepare: newest created first, as the branch index lists them
    const candidates = [
      { id: 'a5', status: 'running', startedAt: at(20), endedAt: null },
      { id: 'a4', status: 'completed', startedAt: at(15), endedAt: at(25) },
      { id: 'a3', status: 'failed', startedAt: at(10), endedAt: at(12) },
      { id: 'a2', status: 'completed', startedAt: at(5), endedAt: at(8) },
      { id: 'a1', status: 'completed', startedAt: at(1), endedAt: at(3) },
    ];

    // Act / Assess: a4 was still running when a5 began, a3 failed
    expect(chooseBase(current, candidates)?.id).toBe('a2');
  });

  it('is never the analysis itself, and there is none on a branch without a finished analysis', () => {
    expect(chooseBase(current, [{ id: 'a5', status: 'completed', startedAt: at(1), endedAt: at(2) }])).toBeUndefined();
    expect(chooseBase(current, [])).toBeUndefined();
    expect(chooseBase(current, [{ id: 'a4', status: 'completed', startedAt: at(1), endedAt: at(20) }])).toBeUndefined();
  });

  it('counts from creation when the analysis has not started', () => {
    const queued = { id: 'a5', createdAt: at(19), startedAt: null };
    const candidates = [{ id: 'a4', status: 'completed', startedAt: at(15), endedAt: at(18) }];
    expect(chooseBase(queued, candidates)?.id).toBe('a4');
  });
});

describe('new import cycles', () => {
  const graph = (edges: [string, string][]) => ({
    nodes: [...new Set(edges.flat())].sort(),
    edges: edges.map(([from, to]) => ({ from, to })),
    unresolved: 0,
    external: 0,
  });

  it('are the components whose set of nodes the base did not have, whatever their example path', () => {
    // Prepare: a↔b existed; c↔d is new; b→e→a grows the a/b component into a new one; f imports itself
    const base = findCycles(
      graph([
        ['a', 'b'],
        ['b', 'a'],
        ['x', 'y'],
        ['y', 'x'],
      ]),
    );
    const sameAsBase = findCycles(
      graph([
        ['b', 'a'],
        ['a', 'b'],
        ['y', 'x'],
        ['x', 'y'],
      ]),
    );
    const current = findCycles(
      graph([
        ['x', 'y'],
        ['y', 'x'],
        ['a', 'b'],
        ['b', 'a'],
        ['b', 'e'],
        ['e', 'a'],
        ['c', 'd'],
        ['d', 'c'],
        ['f', 'f'],
      ]),
    );

    // Act / Assess
    expect(newCycles(sameAsBase, base)).toEqual([]);
    expect(newCycles(current, base).map((cycle) => cycle.nodes)).toEqual([['a', 'b', 'e'], ['c', 'd'], ['f']]);
    expect(newCycles(current, [])).toHaveLength(4);
  });
});

describe('duplicated new lines', () => {
  it('counts each new line inside any occurrence once, and no line that is not new', () => {
    // Prepare: u.js gained lines 3–6; n.js is added (lines 1–4); old.js is unchanged
    const base = [digest('u.js', ['a', 'b', 'c', 'd']), digest('old.js', ['o', 'p', 'q'])];
    const current = [
      digest('u.js', ['a', 'b', 'n1', 'n2', 'n3', 'n4', 'c', 'd']),
      digest('n.js', ['m', 'n', 'o', 'p']),
      digest('old.js', ['o', 'p', 'q']),
    ];
    const newCode = compareWithBase(base, current);
    const blocks = [
      // u.js 2–4 overlaps new lines 3, 4; old.js is not new; n.js 1–2
      {
        occurrences: [
          { path: 'u.js', startLine: 2, endLine: 4 },
          { path: 'old.js', startLine: 1, endLine: 3 },
          { path: 'n.js', startLine: 1, endLine: 2 },
        ],
      },
      // u.js 4–7 overlaps 4 (again), 5, 6; line 7 (c) is old
      { occurrences: [{ path: 'u.js', startLine: 4, endLine: 7 }] },
    ];

    // Act / Assess: u.js 3, 4, 5, 6 and n.js 1, 2
    expect(duplicatedNewLines(newCode, blocks)).toBe(6);
    expect(duplicatedNewLines(newCode, [])).toBe(0);
  });
});

describe('complexity of new or changed functions', () => {
  const metrics = (name: string, startLine: number, cyclomatic: number, cognitive: number): FunctionMetrics => ({
    name,
    startLine,
    endLine: startLine + 3,
    parameters: 0,
    length: 4,
    cyclomatic,
    cognitive,
  });

  it('is the highest among the changed functions only, each found by path, name and start line', () => {
    const functions = new Map([
      ['a.ts', [metrics('old', 1, 30, 40), metrics('f', 10, 4, 2), metrics('f', 20, 7, 1)]],
      ['b.ts', [metrics('g', 1, 3, 9)]],
    ]);
    const changes = [
      { path: 'a.ts', name: 'f', startLine: 20, endLine: 23, change: 'changed' as const },
      { path: 'b.ts', name: 'g', startLine: 1, endLine: 4, change: 'new' as const },
    ];
    expect(changedFunctionsComplexity(changes, functions)).toEqual({ maxCyclomatic: 7, maxCognitive: 9 });
    expect(changedFunctionsComplexity([], functions)).toBeNull();
  });
});

describe('the summary section', () => {
  it('counts files, functions and lines, and leaves the duplication percentage null without new lines', () => {
    // Prepare: one file changed by deletion only, one removed
    const base = [digest('u.js', ['a', 'b', 'c']), digest('gone.js', ['z'])];
    const newCode = compareWithBase(base, [digest('u.js', ['a', 'b'])]);
    const measures = { complexity: null, duplicatedLines: 0, newCycles: 0 };

    // Act
    const section = newCodeSection({ id: 'b1', commit: 'c0ffee1', branch: 'main' }, newCode, measures);

    // Assess
    expect(section).toEqual({
      baseAnalysisId: 'b1',
      baseCommit: 'c0ffee1',
      baseBranch: 'main',
      files: { added: 0, changed: 1, removed: 1 },
      functions: { new: 0, changed: 0 },
      lines: 0,
      maxCyclomatic: null,
      maxCognitive: null,
      duplicatedLines: 0,
      duplicationPercent: null,
      newCycles: 0,
    });
  });

  it('gives the duplicated share of the new lines in percent, two decimals', () => {
    const newCode = compareWithBase([], [digest('n.js', ['a', 'b', 'c'], [['f', 1, 3]])]);
    const section = newCodeSection({ id: 'b1', commit: 'c', branch: 'main' }, newCode, {
      complexity: { maxCyclomatic: 2, maxCognitive: 1 },
      duplicatedLines: 1,
      newCycles: 2,
    });
    expect(section).toMatchObject({
      files: { added: 1, changed: 0, removed: 0 },
      functions: { new: 1, changed: 0 },
      lines: 3,
      duplicationPercent: 33.33,
      maxCyclomatic: 2,
      newCycles: 2,
    });
  });
});

describe('stored file digests', () => {
  it('unpack to the digest they were packed from', () => {
    const lines = ['function f() {', '  return 1;', '}', '', 'const x = 2;'];
    const original = digest('f.js', lines, [['f', 1, 3]]);
    const packed = packFileDigest(original.lineHashes, [{ name: 'f', startLine: 1, endLine: 3 }]);
    expect(unpackFileDigest('f.js', packed)).toEqual(original);
    expect(unpackFileDigest('e.js', packFileDigest([], []))).toEqual({ path: 'e.js', lineHashes: [], functions: [] });
  });
});
