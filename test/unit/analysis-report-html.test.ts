import { describe, expect, it } from 'vitest';
import { DEFAULT_GATE_CONDITIONS, evaluateGate } from '#shared/analysis/gate/rules';
import { type AnalysisReportInput, analysisReportHtml } from '#shared/analysis/reports/html';

const HOSTILE = '<script>alert(1)</script>';

const INPUT: AnalysisReportInput = {
  analysis: {
    id: '01jq3v6m2x8k9c7w4e5r1t0y2u',
    commit: '4f2a9c1',
    branch: 'main',
    startedAt: '2026-12-03T08:00:00.000Z',
    endedAt: '2026-12-03T08:00:41.000Z',
  },
  summary: {
    files: { analysed: 1234, skipped: { vendored: 310, binary: 4, generated: 0 } },
    lines: { code: 182_345, comment: 20_001, blank: 30_000 },
    languages: [
      { language: 'TypeScript', files: 1000, code: 150_000, comment: 18_000, blank: 25_000 },
      { language: `Py${HOSTILE}`, files: 234, code: 32_345, comment: 2_001, blank: 5_000 },
    ],
    functions: {
      count: 5120,
      cyclomaticDistribution: { '1-5': 4000, '6-10': 800, '11-20': 250, '21-50': 60, '51+': 10 },
      maxCyclomatic: 77,
      maxCognitive: 140,
    },
    duplication: { blocks: 42, duplicatedLines: 5123, percentage: 2.8096 },
    dependencies: { cycles: 3 },
  },
  gate: evaluateGate(DEFAULT_GATE_CONDITIONS, {
    max_cyclomatic_complexity: { overall: 77, newCode: 22 },
    max_cognitive_complexity: { overall: 140, newCode: 10 },
    duplicated_lines_percent: { overall: 2.8, newCode: 0 },
    line_coverage_percent: { overall: 70, newCode: 85 },
    dependency_cycles: { overall: 3, newCode: 0 },
  }),
  complexFunctions: [
    { path: `src/${HOSTILE}.ts`, name: `handle${HOSTILE}`, startLine: 12, cyclomatic: 77, cognitive: 140 },
  ],
  duplications: [
    {
      lines: 30,
      tokens: 210,
      occurrences: [
        { path: 'src/a.ts', startLine: 1, endLine: 30 },
        { path: 'src/b.ts', startLine: 5, endLine: 34 },
      ],
    },
  ],
  cycles: [{ example: ['src/a.ts', `src/${HOSTILE}.ts`] }],
};

describe('HTML analysis report', () => {
  it('is a self-contained page that runs nothing, whatever the snapshot holds', () => {
    const html = analysisReportHtml(INPUT);
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"`);
    expect(html).not.toContain('<script');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toMatch(/\s(src|href)=/);
  });

  it('shows the gate verdict, the tiles and the findings', () => {
    const html = analysisReportHtml(INPUT);
    expect(html).toContain('<span class="badge failed">Quality gate failed</span>');
    expect(html).toContain('<span class="value">182,345</span><span class="label">Code lines</span>');
    expect(html).toContain('<span class="value">2.8 %</span>');
    expect(html).toContain('<code>src/a.ts:1-30</code>');
    expect(html).toContain('src/a.ts → src/&lt;script&gt;alert(1)&lt;/script&gt;.ts → src/a.ts');
    // One bar per language and one column per complexity bucket.
    expect(html.match(/<rect class="code"/g)).toHaveLength(2);
    expect(html.match(/<rect class="bucket/g)).toHaveLength(5);
  });

  it('is written in Chinese with numbers and dates of that locale and time zone', () => {
    const html = analysisReportHtml(INPUT, { locale: 'zh-CN', timeZone: 'Asia/Shanghai' });
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain('<title>main 分支 4f2a9c1 的代码分析</title>');
    expect(html).toContain('质量门禁未通过');
    expect(html).toContain('2026年12月3日 GMT+8 16:00:00');
  });
});
