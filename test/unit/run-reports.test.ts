import { describe, expect, it, vi } from 'vitest';
import type { RunCaseResult } from '#shared/schemas/test-runs';
import { parseJUnit } from '#shared/testing/imports/junit-reader';
import type { ParsedReport } from '#shared/testing/imports/parsed-report';
import { htmlReportChunks } from '#shared/testing/reports/html';
import { jsonReportChunks, type RunHeader } from '#shared/testing/reports/json';
import { junitReportChunks } from '#shared/testing/reports/junit';
import { wordedAssertions, wordResultText } from '#shared/testing/runs/result-texts';
import { JUNIT_PRODUCER_FIXTURES, junitFixture } from '../support/junit.ts';

// The import's modules read their table and bus names at load; nothing here touches either.
vi.stubEnv('TABLE_NAME', 'unit-test-table');
vi.stubEnv('EVENT_BUS_NAME', 'unit-test-bus');
const { importedResults, importedRunRecord } = await import('#shared/testing/imports/import');

function run(overrides: Partial<RunHeader> = {}): RunHeader {
  return {
    id: '01jabcdefghjkmnpqrstvwxyz0',
    projectId: '01jabcdefghjkmnpqrstvwxyz1',
    status: 'failed',
    source: 'execution',
    suiteId: null,
    suiteName: 'checkout',
    environmentId: '01jabcdefghjkmnpqrstvwxyz2',
    deploymentId: null,
    commit: 'abc1234',
    branch: 'main',
    retries: 1,
    summary: { total: 3, passed: 1, failed: 1, errored: 0, skipped: 1, flaky: 1, passRate: 0.5, durationMs: 1234 },
    newFailures: [],
    failureReason: null,
    createdBy: 'user-1',
    createdAt: '2024-05-02T10:11:12.000Z',
    startedAt: '2024-05-02T10:11:12.000Z',
    endedAt: '2024-05-02T10:11:13.234Z',
    ...overrides,
  };
}

/** Results as the import stores them: one per reported case, under the id of its case. */
const resultsOfImport = (report: ParsedReport): RunCaseResult[] =>
  importedResults(importedRunRecord('project-1', 'run-1', {}, 'user-1'), report).map(({ error, ...result }) => ({
    ...result,
    assertions: wordedAssertions(result.assertions),
    ...(error === undefined ? {} : { error: wordResultText(error) }),
  }));

const loadCase: RunCaseResult = {
  caseId: 'load-1',
  name: 'checkout under load',
  type: 'performance',
  status: 'failed',
  attempts: 1,
  durationMs: 30_000,
  assertions: [
    { type: 'p95Ms', passed: false, expected: 200, actual: 250.5, message: 'p95 latency 250.5 ms exceeds 200 ms' },
    { type: 'maxErrorRate', passed: true, expected: 0.01, actual: 0, message: 'error rate 0 % is within 1 %' },
  ],
  metrics: { requests: 3000, rps: 100, errorRate: 0, latency: { p50: 80, p90: 180, p95: 250.5, p99: 400, max: 900 } },
  load: {
    workers: 2,
    stoppedBy: 'completed',
    statusCounts: { '200': 3000 },
    errorsByKind: { status: 0, timeout: 0, network: 0, protocol: 0, response_too_large: 0 },
    lateStarts: 0,
    byRequest: {
      'add to <cart>': { requests: 1000, errors: 0, latency: { p50: 40, p90: 90, p95: 120, p99: 150, max: 300 } },
      checkout: { requests: 2000, errors: 0, latency: { p50: 100, p90: 200, p95: 260, p99: 420, max: 900 } },
    },
  },
  flaky: false,
};

const apiCase: RunCaseResult = {
  caseId: 'api-1',
  name: 'health <answers> 200',
  type: 'api',
  status: 'passed',
  attempts: 2,
  durationMs: 12,
  assertions: [{ type: 'status', passed: true, expected: 200, actual: 200, message: 'status 200' }],
  flaky: true,
};

const hostileCase: RunCaseResult = {
  caseId: 'api-2',
  name: '<script>alert("name")</script>',
  type: 'api',
  status: 'errored',
  attempts: 1,
  durationMs: 3,
  assertions: [
    {
      type: 'jsonPath',
      passed: false,
      expected: '<img src=x onerror=alert(1)>',
      actual: null,
      message: "<b>'quoted'</b>",
    },
  ],
  error: 'connect ECONNREFUSED <a href="https://evil.example">here</a>',
  flaky: false,
};

const html = (header: RunHeader, results: RunCaseResult[]) => [...htmlReportChunks(header, results)].join('');

describe('JUnit report', () => {
  it.each(JUNIT_PRODUCER_FIXTURES)(
    'writes the results of %s back so that they re-import to the same counts and cases',
    async (name) => {
      // Prepare
      const original = await parseJUnit(junitFixture(name));
      const results = resultsOfImport(original);

      // Act
      const xml = [...junitReportChunks({ id: 'run-1', suiteName: 'ci' }, results)].join('');
      const again = await parseJUnit(xml);

      // Assess
      expect(again.totals).toEqual(original.totals);
      expect(resultsOfImport(again).map((r) => r.caseId)).toEqual(results.map((r) => r.caseId));
      expect(again.cases.map((c) => [c.status, c.retries ?? 0, c.flaky ?? false])).toEqual(
        original.cases.map((c) => [c.status, c.retries ?? 0, c.flaky ?? false]),
      );
    },
  );

  it('files executed results under trellis.<type> with the failed assertions as the failure and metrics as properties', async () => {
    const xml = [...junitReportChunks({ id: 'run-1', suiteName: 'checkout' }, [loadCase, apiCase, hostileCase])].join(
      '',
    );
    const report = await parseJUnit(xml);

    expect(report.totals).toMatchObject({ total: 3, passed: 1, failed: 1, errored: 1 });
    const load = report.cases.find((c) => c.name === 'checkout under load');
    expect(load).toMatchObject({
      classname: 'trellis.performance',
      suite: 'checkout',
      status: 'failed',
      message: 'p95 latency 250.5 ms exceeds 200 ms',
      details: 'p95Ms: p95 latency 250.5 ms exceeds 200 ms',
      properties: expect.objectContaining({
        'latency.p95Ms': '250.5',
        requests: '3000',
        workers: '2',
        stoppedBy: 'completed',
        'status.200': '3000',
        'errors.timeout': '0',
        'request.checkout.requests': '2000',
        'request.checkout.latency.p99Ms': '420',
        'request.add to <cart>.latency.p50Ms': '40',
      }),
    });
    expect(report.cases.find((c) => c.classname === 'trellis.api' && c.status === 'passed')).toMatchObject({
      name: 'health <answers> 200',
      retries: 1,
      flaky: true,
    });
    expect(report.cases.find((c) => c.status === 'errored')?.message).toMatch(/^connect ECONNREFUSED/);
  });
});

describe('JSON report', () => {
  it('is the run with every result inline', () => {
    const text = [...jsonReportChunks(run(), [loadCase, apiCase])].join('');

    const parsed = JSON.parse(text);

    expect(parsed).toMatchObject({ ...run(), results: [loadCase, apiCase] });
    expect(Date.parse(parsed.generatedAt)).not.toBeNaN();
  });

  it('is valid JSON without results', () => {
    expect(JSON.parse([...jsonReportChunks(run(), [])].join('')).results).toEqual([]);
  });
});

describe('HTML report', () => {
  it('is one self-contained page: inline CSS and SVG, no script, nothing fetched from elsewhere', () => {
    const page = html(run(), [loadCase, apiCase, hostileCase]);

    expect(page).toMatch(/^<!doctype html>/);
    expect(page).toContain('<style>');
    expect(page).toContain("default-src 'none'");
    expect(page).not.toMatch(/<script|<link|<img|<iframe/i);
    // No element carries a src or href (the escaped error text mentions one, as text).
    expect(page).not.toMatch(/<[a-z][^>]*\s(?:src|href)\s*=/i);
  });

  it('escapes every name, message, value and error that came from a user', () => {
    const page = html(run({ suiteName: '<b>suite</b>', commit: '"><script>' }), [hostileCase]);

    expect(page).toContain('&lt;script&gt;alert(&quot;name&quot;)&lt;/script&gt;');
    expect(page).toContain('&quot;&lt;img src=x onerror=alert(1)&gt;&quot;');
    expect(page).toContain('&lt;b&gt;&#39;quoted&#39;&lt;/b&gt;');
    expect(page).toContain('connect ECONNREFUSED &lt;a href=&quot;https://evil.example&quot;&gt;here&lt;/a&gt;');
    expect(page).toContain('&lt;b&gt;suite&lt;/b&gt;');
    expect(page).not.toContain('<b>suite</b>');
  });

  it('shows failures first, with their assertion outcomes, and marks new failures and flaky results', () => {
    const page = html(run({ newFailures: [{ caseId: 'load-1', name: 'checkout under load' }] }), [
      apiCase,
      loadCase,
      hostileCase,
    ]);

    const failures = page.indexOf('<h2>Failures');
    expect(failures).toBeGreaterThan(0);
    expect(page.indexOf('checkout under load', failures)).toBeLessThan(page.indexOf('health &lt;answers&gt; 200'));
    expect(page).toContain('<span class="flag new">new failure</span>');
    expect(page).toContain('<span class="flag flaky">flaky</span>');
    expect(page).toContain('<h2>New failures <span class="count">1</span></h2>');
    expect(page).toMatch(
      /<tr class="ko"><td>✘<\/td><td>p95Ms<\/td><td><code>200<\/code><\/td><td><code>250.5<\/code><\/td>/,
    );
  });

  it('charts the latency percentiles of performance cases, the broken threshold in red', () => {
    const page = html(run(), [loadCase]);

    const chart = page.slice(page.indexOf('<h2>Performance'));
    expect(chart).toMatch(
      /<svg class="latency"[^>]*aria-label="latency percentiles: p50 80.0 ms, p90 180 ms, p95 251 ms, p99 400 ms, max 900 ms"/,
    );
    for (const label of ['p50', 'p90', 'p95', 'p99', 'max']) expect(chart).toContain(`class="axis">${label}</text>`);
    expect(chart).toMatch(/>p95<\/text><rect [^>]*fill="var\(--failed\)"/);
    expect(chart).toMatch(/>p50<\/text><rect [^>]*fill="var\(--bar\)"/);
    expect(chart).toContain('class="limit"');
  });

  it("charts each request's latency of a performance case and lists its load breakdown", () => {
    const page = html(run(), [loadCase]);

    const chart = page.slice(page.indexOf('<h2>Performance'));
    expect(chart).toMatch(
      /<svg class="latency requests"[^>]*aria-label="latency by request: add to &lt;cart&gt;: p50 40.0 ms, p90 90.0 ms, p95 120 ms, p99 150 ms, max 300 ms; checkout: p50 100 ms, [^"]*"/,
    );
    expect(chart).toContain('class="axis">add to &lt;cart&gt;</text>');
    expect(chart).toMatch(/class="axis">checkout<\/text>(<rect [^>]*><title>[a-z0-9]+ [^<]+<\/title><\/rect>){5}/);
    expect(chart).toContain(
      '<td>checkout</td><td class="num">2,000</td><td class="num">0</td><td class="num">100 ms</td>',
    );
    expect(chart).toContain('2 workers · stopped by completed · answers 200: 3,000 · errors none');
  });

  it('shows a performance failure by its thresholds, never as a dump of its metrics', () => {
    const page = html(run(), [loadCase]);

    const failures = page.slice(page.indexOf('<h2>Failures'), page.indexOf('<h2>Performance'));
    expect(failures).toContain('p95 latency 250.5 ms exceeds 200 ms');
    expect(failures).not.toContain('<pre>');
    expect(page).not.toContain('HISTF');
  });

  it('says so when nothing failed, and shows the reason of a run that broke', () => {
    const page = html(run({ status: 'errored', failureReason: 'State machine <timed out>' }), [apiCase]);

    expect(page).toContain('Nothing failed.');
    expect(page).toContain('State machine &lt;timed out&gt;');
  });
});

describe('HTML report in a language and a time zone', () => {
  const chinese = (header: RunHeader, results: RunCaseResult[], timeZone = 'Asia/Shanghai') =>
    [...htmlReportChunks(header, results, {}, { locale: 'zh-CN', timeZone })].join('');

  it('words the page in Simplified Chinese and leaves every value from the run as it was', () => {
    // Act
    const page = chinese(run(), [loadCase, apiCase, hostileCase]);

    // Assess
    expect(page).toContain('<html lang="zh-CN">');
    expect(page).toContain('<h2>失败 <span class="count">');
    expect(page).toContain('<h2>全部结果 <span class="count">3</span></h2>');
    expect(page).toContain('<span class="badge failed">失败</span> checkout under load');
    expect(page).toContain('3,000 个请求 · 100.0 请求/秒 · 错误率 0.00 %');
    expect(page).not.toMatch(/>(Failures|All results|Passed|Standard output)</);
    // Names, messages and classes stay the machine's and the user's.
    expect(page).toContain('class="case failed"');
    expect(page).toContain('p95 latency 250.5 ms exceeds 200 ms');
  });

  it('shows dates in the time zone asked for, and says which', () => {
    // Act
    const shanghai = chinese(run(), []);
    const utc = [...htmlReportChunks(run(), [], {}, { locale: 'en', timeZone: 'UTC' })].join('');

    // Assess: 10:11:12 UTC is 18:11:12 in Shanghai (UTC+8, no daylight saving).
    expect(shanghai).toMatch(/<dt>开始<\/dt><dd>2024年5月2日 [^<]*18:11:12/);
    expect(shanghai).toContain('时间以 Asia/Shanghai 显示。');
    expect(utc).toMatch(/<dt>Started<\/dt><dd>May 2, 2024, 10:11:12[^<]*UTC/);
  });

  it('keeps English the default, with numbers grouped the English way', () => {
    const page = html(run({ summary: { ...run().summary!, total: 12_345 } }), []);
    expect(page).toContain('<html lang="en">');
    expect(page).toContain('<span class="value">12,345</span><span class="label">Total</span>');
  });
});
