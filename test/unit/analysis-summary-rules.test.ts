import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FunctionMetrics } from '#shared/analysis/model';
import { CYCLOMATIC_BUCKETS, cyclomaticBucket, type FileOutcome, summarize } from '#shared/analysis/summary-rules';

const fn = (cyclomatic: number, cognitive = 0): FunctionMetrics => ({
  name: `f${cyclomatic}`,
  startLine: 1,
  endLine: 2,
  parameters: 0,
  length: 2,
  cyclomatic,
  cognitive,
});
const file = (
  path: string,
  language: string,
  code: number,
  functions: FunctionMetrics[] | null = null,
): FileOutcome => ({
  path,
  language,
  lines: { code, comment: 1, blank: 2 },
  functions,
});
const noSections = { duplication: null, dependencies: null, newCode: null };

describe('summarize', () => {
  it('adds lines up per language, largest code first, and counts skipped files by reason', () => {
    const summary = summarize(
      [file('a.py', 'Python', 10), file('b.ts', 'TypeScript', 30), file('c.py', 'Python', 5)],
      { vendored: 2, binary: 0 },
      noSections,
    );

    expect(summary.files).toEqual({ analysed: 3, skipped: { vendored: 2 } });
    expect(summary.lines).toEqual({ code: 45, comment: 3, blank: 6 });
    expect(summary.languages).toEqual([
      { language: 'TypeScript', files: 1, code: 30, comment: 1, blank: 2 },
      { language: 'Python', files: 2, code: 15, comment: 2, blank: 4 },
    ]);
  });

  it('says nothing about functions when no file had them extracted (null, not zero)', () => {
    expect(summarize([file('a.sql', 'SQL', 3)], {}, noSections).functions).toBeNull();
  });

  it('distributes functions by cyclomatic complexity and keeps the maxima', () => {
    const summary = summarize(
      [file('a.ts', 'TypeScript', 9, [fn(1, 0), fn(5, 7), fn(6, 2)]), file('b.ts', 'TypeScript', 9, [fn(51, 3)])],
      {},
      noSections,
    );

    expect(summary.functions).toEqual({
      count: 4,
      cyclomaticDistribution: { '1-5': 2, '6-10': 1, '11-20': 0, '21-50': 0, '51+': 1 },
      maxCyclomatic: 51,
      maxCognitive: 7,
    });
  });

  it('puts every complexity in exactly the bucket whose range holds it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), (cyclomatic) => {
        const label = cyclomaticBucket(cyclomatic);
        const index = CYCLOMATIC_BUCKETS.findIndex((bucket) => bucket.label === label);
        const next = CYCLOMATIC_BUCKETS[index + 1];
        expect(cyclomatic).toBeGreaterThanOrEqual(CYCLOMATIC_BUCKETS[index]!.from);
        if (next) expect(cyclomatic).toBeLessThan(next.from);
      }),
    );
  });
});
