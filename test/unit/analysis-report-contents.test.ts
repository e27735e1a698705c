import { describe, expect, it } from 'vitest';
import {
  functionsWithPaths,
  htmlReportInput,
  jsonReport,
  REPORT_LIST_LIMIT,
  type StoredAnalysisResults,
  sarifReportInput,
} from '#shared/analysis/reports/contents';
import { trendPoint } from '#shared/analysis/trend';
import { ROUTES } from '#shared/api/routes';
import type { AnalysisSummary } from '#shared/schemas/analyses';
import { createRouter } from '../../scripts/local/router';

const SUMMARY: AnalysisSummary = {
  files: { analysed: 3, skipped: { vendored: 1 } },
  lines: { code: 120, comment: 10, blank: 8 },
  languages: [{ language: 'TypeScript', files: 3, code: 120, comment: 10, blank: 8 }],
  functions: { count: 3, cyclomaticDistribution: { '1-5': 2, '21-50': 1 }, maxCyclomatic: 22, maxCognitive: 31 },
  duplication: { blocks: 1, duplicatedLines: 12, percentage: 10 },
  dependencies: { nodes: 3, imports: 3, cycles: 1, external: null, direct: null },
  newCode: null,
  coverage: null,
  gate: null,
};

const fn = (name: string, startLine: number, cyclomatic: number, cognitive = cyclomatic) => ({
  name,
  startLine,
  endLine: startLine + 5,
  parameters: 1,
  length: 6,
  cyclomatic,
  cognitive,
});

const RESULTS: StoredAnalysisResults = {
  analysis: { id: 'a1', commit: 'c1', branch: 'main', startedAt: null, endedAt: null },
  summary: SUMMARY,
  files: [
    {
      path: 'a.ts',
      language: 'TypeScript',
      code: 40,
      comment: 0,
      blank: 0,
      functions: 1,
      maxCyclomatic: 22,
      duplicatedLines: 6,
      batch: 0,
    },
    {
      path: 'b.ts',
      language: 'TypeScript',
      code: 80,
      comment: 10,
      blank: 8,
      functions: 2,
      maxCyclomatic: 4,
      duplicatedLines: 6,
      batch: 1,
    },
  ],
  // Two batches, out of path order on purpose.
  functions: [{ 'b.ts': [fn('later', 30, 4), fn('first', 2, 1)] }, { 'a.ts': [fn('worst', 5, 22, 31)] }],
  duplications: [
    {
      lines: 6,
      tokens: 60,
      occurrences: [
        { path: 'a.ts', startLine: 1, endLine: 6 },
        { path: 'b.ts', startLine: 1, endLine: 6 },
      ],
    },
  ],
  dependencies: { external: null, cycles: [{ nodes: ['a.ts', 'b.ts'], example: ['a.ts', 'b.ts'] }] },
};

describe('analysis report contents', () => {
  it('lists every function once with its path, in path and line order', () => {
    expect(functionsWithPaths(RESULTS).map((each) => `${each.path}:${each.name}`)).toEqual([
      'a.ts:worst',
      'b.ts:first',
      'b.ts:later',
    ]);
  });

  it('gives the HTML page the most complex functions first, cut to the limit', () => {
    const many = {
      'c.ts': Array.from({ length: REPORT_LIST_LIMIT + 10 }, (_, index) => fn(`f${index}`, index + 1, index + 1)),
    };
    const input = htmlReportInput({ ...RESULTS, functions: [many] });
    expect(input.complexFunctions).toHaveLength(REPORT_LIST_LIMIT);
    expect(input.complexFunctions[0]).toMatchObject({
      name: `f${REPORT_LIST_LIMIT + 9}`,
      cyclomatic: REPORT_LIST_LIMIT + 10,
    });
    expect(input.complexFunctions.at(-1)?.cyclomatic).toBe(11);
    expect(htmlReportInput(RESULTS).cycles).toEqual([{ nodes: ['a.ts', 'b.ts'], example: ['a.ts', 'b.ts'] }]);
  });

  it('reports to SARIF over the default gate (15) and over a stricter gate of the project', () => {
    const apiDocsUrl = 'https://api.example.com/v1/docs';
    expect(sarifReportInput(RESULTS, { apiDocsUrl }).thresholds).toEqual({ cyclomatic: 15, cognitive: 15 });
    const strict = sarifReportInput(RESULTS, {
      apiDocsUrl,
      gate: [
        { metric: 'max_cyclomatic_complexity', operator: 'lt', threshold: 10, onNewCode: false },
        { metric: 'max_cognitive_complexity', operator: 'lte', threshold: 20, onNewCode: false },
      ],
    });
    expect(strict.thresholds).toEqual({ cyclomatic: 9, cognitive: 20 });
    expect(strict.cycles).toEqual([{ files: ['a.ts', 'b.ts'], example: ['a.ts', 'b.ts'] }]);
  });

  it('puts every result in the JSON document, without the internal batch numbers', () => {
    const document = jsonReport({ ...RESULTS, duplications: null, dependencies: null });
    expect(document.files.map((file) => Object.keys(file))).not.toContainEqual(expect.arrayContaining(['batch']));
    expect(document.functions).toHaveLength(3);
    expect(document).toMatchObject({ summary: SUMMARY, duplications: null, cycles: null });
  });
});

describe('analysis trend', () => {
  it('turns a completed analysis into a point; a stage that did not run is null', () => {
    const record = { id: 'a1', commit: 'c1', endedAt: '2026-01-01T00:00:00.000Z', summary: SUMMARY };
    expect(trendPoint(record)).toEqual({
      analysisId: 'a1',
      commit: 'c1',
      endedAt: '2026-01-01T00:00:00.000Z',
      codeLines: 120,
      functions: 3,
      maxCyclomatic: 22,
      duplicationPercent: 10,
      cycles: 1,
      newCodeLines: null,
    });
    expect(
      trendPoint({ ...record, summary: { ...SUMMARY, functions: null, duplication: null, dependencies: null } }),
    ).toMatchObject({ functions: null, maxCyclomatic: null, duplicationPercent: null, cycles: null });
    expect(trendPoint({ ...record, summary: null })).toBeUndefined();
    const newCode = {
      baseAnalysisId: 'a0',
      baseCommit: 'c0',
      baseBranch: 'main',
      files: { added: 1, changed: 1, removed: 0 },
      functions: { new: 1, changed: 0 },
      lines: 7,
      maxCyclomatic: 2,
      maxCognitive: 1,
      duplicatedLines: 0,
      duplicationPercent: 0,
      newCycles: 0,
    };
    expect(trendPoint({ ...record, summary: { ...SUMMARY, newCode } })).toMatchObject({ newCodeLines: 7 });
    // A summary stored before new code was measured has no section: not applicable.
    const { newCode: _none, ...olderSummary } = SUMMARY;
    expect(trendPoint({ ...record, summary: olderSummary as typeof SUMMARY })).toMatchObject({ newCodeLines: null });
  });

  it('is routed before {analysisId} by the local gateway, as API Gateway prefers literal segments', () => {
    const route = createRouter(ROUTES);
    expect(route('GET', '/v1/projects/p1/analyses/trend')?.route.id).toBe('GetAnalysisTrend');
    expect(route('GET', '/v1/projects/p1/analyses/01abc')?.route.id).toBe('GetAnalysis');
  });
});
