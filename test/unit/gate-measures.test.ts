import { describe, expect, it } from 'vitest';
import { coverageSection, coverageSummary } from '#shared/analysis/coverage/summary';
import { gateMeasures } from '#shared/analysis/gate/measures';
import { DEFAULT_GATE_CONDITIONS, evaluateGate } from '#shared/analysis/gate/rules';
import type { AnalysisNewCode, AnalysisSummary } from '#shared/schemas/analyses';

// The gate's measures from an analysis summary, and coverage on new lines worked out by hand.

const SUMMARY: AnalysisSummary = {
  files: { analysed: 2, skipped: {} },
  lines: { code: 200, comment: 10, blank: 20 },
  languages: [{ language: 'TypeScript', files: 2, code: 200, comment: 10, blank: 20 }],
  functions: { count: 4, cyclomaticDistribution: { '1-5': 3, '21-50': 1 }, maxCyclomatic: 23, maxCognitive: 30 },
  duplication: { blocks: 1, duplicatedLines: 12, percentage: 6 },
  dependencies: { nodes: 2, imports: 2, cycles: 1, external: 0, direct: 0 },
  newCode: null,
  coverage: null,
  gate: null,
};

const NEW_CODE: AnalysisNewCode = {
  baseAnalysisId: 'b1',
  baseCommit: 'c0',
  baseBranch: 'main',
  files: { added: 1, changed: 1, removed: 0 },
  functions: { new: 1, changed: 1 },
  lines: 40,
  maxCyclomatic: 4,
  maxCognitive: 3,
  duplicatedLines: 0,
  duplicationPercent: 0,
  newCycles: 0,
};

describe('gate measures of a summary', () => {
  it('reads the overall measures from their sections and leaves new code not applicable without a base', () => {
    expect(gateMeasures(SUMMARY)).toEqual({
      max_cyclomatic_complexity: { overall: 23, newCode: null },
      max_cognitive_complexity: { overall: 30, newCode: null },
      duplicated_lines_percent: { overall: 6, newCode: null },
      // No report attached: no value overall; on new code, nothing is new without a base.
      line_coverage_percent: { overall: undefined, newCode: null },
      dependency_cycles: { overall: 1, newCode: null },
    });
  });

  it('reads new-code measures from the new-code section, and coverage on new code from the report', () => {
    const coverage = {
      format: 'lcov' as const,
      files: 2,
      coveredLines: 30,
      instrumentedLines: 60,
      percentage: 50,
      newCode: { coveredLines: 9, instrumentedLines: 10, percentage: 90 },
    };
    const measures = gateMeasures({ ...SUMMARY, newCode: NEW_CODE, coverage });
    expect(measures).toEqual({
      max_cyclomatic_complexity: { overall: 23, newCode: 4 },
      max_cognitive_complexity: { overall: 30, newCode: 3 },
      duplicated_lines_percent: { overall: 6, newCode: 0 },
      line_coverage_percent: { overall: 50, newCode: 90 },
      dependency_cycles: { overall: 1, newCode: 0 },
    });
    // Clean new code passes the default gate although the old code has a function of 23.
    expect(evaluateGate(DEFAULT_GATE_CONDITIONS, measures).status).toBe('passed');
  });

  it('has no value where a stage did not run or no report came, and nothing to measure where nothing exists', () => {
    const measures = gateMeasures({
      ...SUMMARY,
      functions: null,
      duplication: null,
      dependencies: null,
      newCode: { ...NEW_CODE, maxCyclomatic: null, maxCognitive: null, duplicationPercent: null },
    });
    expect(measures.max_cyclomatic_complexity).toEqual({ overall: undefined, newCode: null });
    expect(measures.duplicated_lines_percent).toEqual({ overall: undefined, newCode: null });
    expect(measures.dependency_cycles).toEqual({ overall: undefined, newCode: 0 });
    // A base and no report: the default gate's coverage condition cannot be vouched for.
    expect(measures.line_coverage_percent).toEqual({ overall: undefined, newCode: undefined });
    const gate = evaluateGate(DEFAULT_GATE_CONDITIONS, measures);
    expect(gate.status).toBe('failed');
    expect(gate.conditions.find((condition) => condition.metric === 'line_coverage_percent')?.status).toBe('no_value');
  });

  it('treats a project without functions as nothing to measure and old summaries without new sections as null', () => {
    const { newCode: _n, coverage: _c, gate: _g, ...old } = SUMMARY;
    const measures = gateMeasures({ ...old, functions: { ...SUMMARY.functions!, count: 0, maxCyclomatic: 0 } });
    expect(measures.max_cyclomatic_complexity).toEqual({ overall: null, newCode: null });
    expect(measures.line_coverage_percent).toEqual({ overall: undefined, newCode: null });
  });
});

describe('coverage section on new code', () => {
  it('counts only new lines the report instruments', () => {
    // a.ts: lines 1-4 instrumented, 1 and 2 hit; b.ts: lines 10 and 11, 11 hit.
    const files = [
      {
        path: 'a.ts',
        lines: new Map([
          [1, 3],
          [2, 1],
          [3, 0],
          [4, 0],
        ]),
      },
      {
        path: 'b.ts',
        lines: new Map([
          [10, 0],
          [11, 5],
        ]),
      },
    ];
    // New lines: a.ts 2, 3 and 9 (9 is a comment the report does not know); b.ts 11; c.ts is not in the report.
    const newLines = new Map<string, ReadonlySet<number>>([
      ['a.ts', new Set([2, 3, 9])],
      ['b.ts', new Set([11])],
      ['c.ts', new Set([1, 2])],
    ]);
    // Overall: 3 of 6 instrumented lines hit = 50 %. New: a.ts 2 (hit), 3 (missed), b.ts 11 (hit) = 2 of 3.
    expect(coverageSection('lcov', coverageSummary(files, newLines))).toEqual({
      format: 'lcov',
      files: 2,
      coveredLines: 3,
      instrumentedLines: 6,
      percentage: 50,
      newCode: { coveredLines: 2, instrumentedLines: 3, percentage: 66.67 },
    });
  });

  it('has no new-code figures without new lines, and no percentage when nothing new is instrumented', () => {
    const files = [{ path: 'a.ts', lines: new Map([[1, 1]]) }];
    expect(coverageSection('jacoco', coverageSummary(files)).newCode).toBeNull();
    expect(coverageSection('jacoco', coverageSummary(files, new Map())).newCode).toEqual({
      coveredLines: 0,
      instrumentedLines: 0,
      percentage: null,
    });
  });
});
