// The HTML run report: one self-contained page a person reads in a browser or keeps as a CI
// artifact. Inline CSS and inline SVG only; no script, font, image or stylesheet from
// anywhere, and a Content-Security-Policy that would stop one if a value ever slipped
// through. Every value that came from a user or a report is escaped.
import { formatText, type LocalizedText } from '#shared/i18n/catalogue';
import { DEFAULT_REPORT_LANGUAGE, type ReportLanguage, text, Words } from '#shared/reports/page';
import type { AssertionResult, CaseMetrics } from '#shared/schemas/test-results';
import type { LoadBreakdown, RunCaseResult } from '#shared/schemas/test-runs';
import type { ReportExtras, RunHeader } from '#shared/testing/reports/json';
import * as m from '#shared/testing/reports/messages';

/** Failures shown in full; the rest are still in the results table (and the JSON report). */
const MAX_DETAILED_FAILURES = 1_000;
/** Characters of a failure text, output or value shown; the JSON report has them whole. */
const MAX_TEXT = 8 * 1024;
const MAX_VALUE = 300;

const STATUS_ORDER: Record<string, number> = { failed: 0, errored: 1, passed: 2, skipped: 3 };

/** The run page's words: the page kit's, plus the names of statuses. */
class RunWords extends Words {
  status(status: string): string {
    const message = STATUS_WORDS[status];
    return message ? this.say(message()) : text(status);
  }
}

const STATUS_WORDS: Record<string, () => LocalizedText> = {
  queued: m.statusQueued,
  running: m.statusRunning,
  passed: m.statusPassed,
  failed: m.statusFailed,
  errored: m.statusErrored,
  skipped: m.statusSkipped,
};

/** The page in pieces (one per result at most), for large runs. */
export function* htmlReportChunks(
  run: RunHeader,
  results: readonly RunCaseResult[],
  extras: ReportExtras = {},
  language: ReportLanguage = DEFAULT_REPORT_LANGUAGE,
): Generator<string> {
  const words = new RunWords(language);
  const newFailures = new Set(run.newFailures.map((failure) => failure.caseId));
  const ordered = [...results].sort(
    (a, b) =>
      (STATUS_ORDER[a.status] ?? 9) - (STATUS_ORDER[b.status] ?? 9) ||
      Number(b.flaky) - Number(a.flaky) ||
      a.name.localeCompare(b.name),
  );
  const failures = ordered.filter((result) => result.status === 'failed' || result.status === 'errored');
  const performance = ordered.filter((result) => result.metrics !== undefined);
  const title = `${run.suiteName ?? formatText(m.reportTestRun(), language.locale)} — ${run.status}`;

  yield `<!doctype html>
<html lang="${language.locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${text(title)}</title>
<style>${STYLE}</style>
</head>
<body>
`;
  yield header(run, extras, words);
  yield summary(run, words);
  if (run.failureReason) {
    yield `<section class="notice errored"><h2>${words.say(m.reportRunFailed())}</h2><p>${text(run.failureReason)}</p></section>\n`;
  }
  if (run.newFailures.length > 0) {
    yield `<section><h2>${words.say(m.reportNewFailures())} <span class="count">${words.number(run.newFailures.length)}</span></h2><p class="hint">${words.say(m.reportNewFailuresHint())}</p><ul class="plain">`;
    for (const failure of run.newFailures) {
      yield `<li><span class="flag new">${words.say(m.caseNewFailure())}</span> ${text(failure.name)}</li>`;
    }
    yield '</ul></section>\n';
  }

  yield `<section><h2>${words.say(m.reportFailures())} <span class="count">${words.number(failures.length)}</span></h2>\n`;
  if (failures.length === 0) yield `<p class="hint">${words.say(m.reportNothingFailed())}</p>\n`;
  for (const result of failures.slice(0, MAX_DETAILED_FAILURES)) yield caseArticle(result, newFailures, words);
  if (failures.length > MAX_DETAILED_FAILURES) {
    yield `<p class="hint">${words.say(m.reportMoreFailures({ count: failures.length - MAX_DETAILED_FAILURES }))}</p>\n`;
  }
  yield '</section>\n';

  if (performance.length > 0) {
    yield `<section><h2>${words.say(m.reportPerformance())} <span class="count">${words.number(performance.length)}</span></h2>\n`;
    for (const result of performance) yield performanceArticle(result, words);
    yield '</section>\n';
  }

  const columns = [m.columnStatus, m.columnCase, m.columnSuite, m.columnType]
    .map((column) => `<th>${words.say(column())}</th>`)
    .join('');
  yield `<section><h2>${words.say(m.reportAllResults())} <span class="count">${words.number(results.length)}</span></h2>
<table class="results"><thead><tr>${columns}<th class="num">${words.say(m.columnDuration())}</th><th class="num">${words.say(m.columnAttempts())}</th></tr></thead><tbody>\n`;
  for (const result of ordered) yield resultRow(result, newFailures, run.suiteName, words);
  yield '</tbody></table></section>\n';
  const generated = words.say(m.reportGenerated({ when: words.date(new Date().toISOString()) }));
  yield `<footer>${generated} ${words.say(m.reportTimeZone({ timeZone: language.timeZone }))}</footer>\n</body>\n</html>\n`;
}

function header(run: RunHeader, extras: ReportExtras, words: RunWords): string {
  const environment = extras.environmentName ? `${extras.environmentName} (${run.environmentId})` : run.environmentId;
  const source = run.source === 'import' ? m.sourceImport() : m.sourceExecuted();
  const facts: [LocalizedText, string | null | undefined][] = [
    [m.factRun(), text(run.id)],
    [m.factSuite(), run.suiteName && text(run.suiteName)],
    [m.factSource(), words.say(source)],
    [m.factCommit(), run.commit && text(run.commit)],
    [m.factBranch(), run.branch && text(run.branch)],
    [m.factEnvironment(), environment && text(environment)],
    [m.factDeployment(), run.deploymentId && text(run.deploymentId)],
    [m.factStarted(), run.startedAt && text(words.date(run.startedAt))],
    [m.factEnded(), run.endedAt && text(words.date(run.endedAt))],
  ];
  const rows = facts
    .filter(([, value]) => value)
    .map(([label, value]) => `<div><dt>${words.say(label)}</dt><dd>${value}</dd></div>`)
    .join('');
  const title = run.suiteName ? text(run.suiteName) : words.say(m.reportTestRun());
  return `<header><h1>${title} <span class="badge ${statusClass(run.status)}">${words.status(run.status)}</span></h1><dl class="facts">${rows}</dl></header>\n`;
}

function summary(run: RunHeader, words: RunWords): string {
  const s = run.summary;
  if (!s) return `<section class="summary"><p class="hint">${words.say(m.noSummary())}</p></section>\n`;
  const tiles: [string, string, string][] = [
    [words.say(m.tileTotal()), words.number(s.total), ''],
    [words.say(m.tilePassed()), words.number(s.passed), 'passed'],
    [words.say(m.tileFailed()), words.number(s.failed), 'failed'],
    [words.say(m.tileErrored()), words.number(s.errored), 'errored'],
    [words.say(m.tileSkipped()), words.number(s.skipped), 'skipped'],
    [words.say(m.tileFlaky()), words.number(s.flaky), 'flaky'],
    [words.say(m.tilePassRate()), s.passRate === null ? '—' : `${words.number(s.passRate * 100, 1, true)} %`, ''],
    [words.say(m.tileDuration()), duration(s.durationMs, words), ''],
  ];
  const bar = s.total > 0 ? stackedBar(s, words) : '';
  return `<section class="summary"><div class="tiles">${tiles
    .map(
      ([label, value, kind]) =>
        `<div class="tile ${kind}"><span class="value">${value}</span><span class="label">${label}</span></div>`,
    )
    .join('')}</div>${bar}</section>\n`;
}

/** Passed / failed / errored / skipped as one horizontal bar. */
function stackedBar(s: NonNullable<RunHeader['summary']>, words: RunWords): string {
  const parts: [number, string][] = [
    [s.passed, 'var(--passed)'],
    [s.failed, 'var(--failed)'],
    [s.errored, 'var(--errored)'],
    [s.skipped, 'var(--skipped)'],
  ];
  let x = 0;
  const rects = parts
    .filter(([count]) => count > 0)
    .map(([count, color]) => {
      const width = (count / s.total) * 1000;
      const rect = `<rect x="${x.toFixed(2)}" y="0" width="${width.toFixed(2)}" height="14" fill="${color}"/>`;
      x += width;
      return rect;
    })
    .join('');
  return `<svg class="bar" viewBox="0 0 1000 14" preserveAspectRatio="none" role="img" aria-label="${words.say(m.summaryBar({ passed: s.passed, failed: s.failed, errored: s.errored, skipped: s.skipped }))}">${rects}</svg>`;
}

function caseArticle(result: RunCaseResult, newFailures: ReadonlySet<string>, words: RunWords): string {
  const where = text([result.classname, result.suitePath].filter(Boolean).join(' · ') || result.type);
  const attempts = words.say(m.caseAttempts({ count: result.attempts }));
  const parts = [
    `<article class="case ${statusClass(result.status)}"><h3><span class="badge ${statusClass(result.status)}">${words.status(result.status)}</span> ${text(result.name)}${flags(result, newFailures, words)}</h3>`,
    `<p class="where">${where} · ${duration(result.durationMs, words)} · ${attempts}</p>`,
  ];
  const long = (value: string) => text(cut(value, MAX_TEXT, words));
  if (result.error) parts.push(`<p class="error">${long(result.error)}</p>`);
  if (result.message) parts.push(`<p class="message">${long(result.message)}</p>`);
  if (result.details) parts.push(`<pre>${long(result.details)}</pre>`);
  if (result.assertions.length > 0) parts.push(assertionTable(result.assertions, words));
  if (result.request) parts.push(exchangeDetails(result, words));
  if (result.metrics) parts.push(latencyChart(result.metrics, result.assertions, words));
  if (result.systemOut) {
    parts.push(
      `<details><summary>${words.say(m.caseStdout())}</summary><pre>${long(result.systemOut)}</pre></details>`,
    );
  }
  if (result.systemErr) {
    parts.push(
      `<details><summary>${words.say(m.caseStderr())}</summary><pre>${long(result.systemErr)}</pre></details>`,
    );
  }
  parts.push('</article>\n');
  return parts.join('');
}

/** The request a failed case sent and the response it got (secrets already masked when stored). */
function exchangeDetails(result: RunCaseResult, words: RunWords): string {
  const { request, response } = result;
  if (!request) return '';
  const headerLines = (headers: Record<string, string>) =>
    Object.entries(headers).map(([name, value]) => `${name}: ${value}`);
  const sent = [`${request.method} ${request.url}`, ...headerLines(request.headers), '', request.body ?? ''];
  const got = response
    ? [
        `${response.status}`,
        ...headerLines(response.headers),
        '',
        response.body + (response.truncated ? `\n${formatText(m.caseBodyCut(), words.language.locale)}` : ''),
      ]
    : [formatText(m.caseNoResponse(), words.language.locale)];
  return `<details open><summary>${words.say(m.caseExchange())}</summary><pre>${text(cut(sent.join('\n'), MAX_TEXT, words))}</pre><pre>${text(cut(got.join('\n'), MAX_TEXT, words))}</pre></details>`;
}

function performanceArticle(result: RunCaseResult, words: RunWords): string {
  const metrics = result.metrics as CaseMetrics;
  const thresholds = result.assertions.filter((assertion) => THRESHOLD_TYPES.has(assertion.type));
  const headline = m.loadHeadline({
    requests: metrics.requests,
    rps: words.number(metrics.rps, 1, true),
    errorRate: words.number(metrics.errorRate * 100, 2, true),
  });
  return [
    `<article class="case ${statusClass(result.status)}"><h3><span class="badge ${statusClass(result.status)}">${words.status(result.status)}</span> ${text(result.name)}</h3>`,
    `<p class="where">${words.say(headline)}</p>`,
    latencyChart(metrics, result.assertions, words),
    thresholds.length > 0 ? assertionTable(thresholds, words) : '',
    result.load ? loadSection(result.load, result.assertions, words) : '',
    '</article>\n',
  ].join('');
}

/** How the load ran and what it got back, then each request's latency (chart and table). */
function loadSection(load: LoadBreakdown, assertions: readonly AssertionResult[], words: RunWords): string {
  const none = formatText(m.loadNone(), words.language.locale);
  const statuses = Object.entries(load.statusCounts)
    .map(([status, count]) => `${status}: ${words.number(count)}`)
    .join(', ');
  const errors = Object.entries(load.errorsByKind)
    .filter(([, count]) => count > 0)
    .map(([kind, count]) => `${kind.replace(/_/g, ' ')}: ${words.number(count)}`)
    .join(', ');
  const facts = [
    m.loadWorkers({ count: load.workers }),
    m.loadStoppedBy({ reason: load.stoppedBy }),
    m.loadAnswers({ list: statuses || none }),
    m.loadErrors({ list: errors || none }),
    ...(load.lateStarts > 0 ? [m.loadLateStarts({ count: load.lateStarts })] : []),
  ];
  const requests = Object.entries(load.byRequest);
  const rows = requests
    .map(
      ([name, request]) =>
        `<tr><td>${text(name)}</td><td class="num">${words.number(request.requests)}</td><td class="num">${words.number(request.errors)}</td>${PERCENTILES.map((label) => `<td class="num">${formatMs(request.latency[label], words)}</td>`).join('')}</tr>`,
    )
    .join('');
  const columns = [m.columnRequest, m.columnRequests, m.columnErrors].map((column, index) =>
    index === 0 ? `<th>${words.say(column())}</th>` : `<th class="num">${words.say(column())}</th>`,
  );
  return [
    `<p class="where">${facts.map((fact) => words.say(fact)).join(' · ')}</p>`,
    load.timeline ? timelineChart(load.timeline, words) : '',
    requests.length > 0 ? requestLatencyChart(requests, assertions, words) : '',
    requests.length > 0
      ? `<table class="requests"><thead><tr>${columns.join('')}${PERCENTILES.map((label) => `<th class="num">${label}</th>`).join('')}</tr></thead><tbody>${rows}</tbody></table>`
      : '',
  ].join('');
}

const PERCENTILES = ['p50', 'p90', 'p95', 'p99', 'max'] as const;
/** Darkest for the median, lightest for the maximum: the bars overlap from zero. */
const PERCENTILE_OPACITY: Record<(typeof PERCENTILES)[number], number> = {
  p50: 1,
  p90: 0.75,
  p95: 0.55,
  p99: 0.35,
  max: 0.18,
};
const MAX_REQUEST_LABEL = 28;

/**
 * One row per request, its percentiles as overlapping bars on one scale (the median darkest,
 * the maximum lightest), with the p95 and p99 thresholds as dashed lines.
 */
function requestLatencyChart(
  requests: readonly [string, LoadBreakdown['byRequest'][string]][],
  assertions: readonly AssertionResult[],
  words: RunWords,
): string {
  const ms = (value: number) => formatMs(value, words);
  const limits = thresholdLimits(assertions);
  const scale = Math.max(...requests.map(([, request]) => request.latency.max), ...limits.values(), 1e-9);
  const left = 200;
  const width = 300;
  const rowHeight = 26;
  const rows = requests.map(([name, request], index) => {
    const y = index * rowHeight + 4;
    const label = name.length > MAX_REQUEST_LABEL ? `${name.slice(0, MAX_REQUEST_LABEL - 1)}…` : name;
    const bars = [...PERCENTILES]
      .reverse()
      .map((percentile) => {
        const length = Math.max(1, (request.latency[percentile] / scale) * width);
        return `<rect x="${left}" y="${y}" width="${length.toFixed(1)}" height="18" rx="2" fill="var(--bar)" fill-opacity="${PERCENTILE_OPACITY[percentile]}"><title>${percentile} ${ms(request.latency[percentile])}</title></rect>`;
      })
      .join('');
    const end = left + Math.max(1, (request.latency.max / scale) * width);
    return `<text x="0" y="${y + 14}" class="axis">${text(label)}</text>${bars}<text x="${(end + 6).toFixed(1)}" y="${y + 14}" class="value">p95 ${ms(request.latency.p95)}</text>`;
  });
  const bottom = requests.length * rowHeight + 4;
  const lines = [...limits].map(([label, limit]) => {
    const x = left + (limit / scale) * width;
    return `<line x1="${x.toFixed(1)}" x2="${x.toFixed(1)}" y1="0" y2="${bottom}" class="limit"/><text x="${(x + 3).toFixed(1)}" y="${bottom + 12}" class="axis">${label} ≤ ${ms(limit)}</text>`;
  });
  const legend = PERCENTILES.map(
    (percentile, index) =>
      `<rect x="${left + index * 60}" y="${bottom + 20}" width="12" height="12" fill="var(--bar)" fill-opacity="${PERCENTILE_OPACITY[percentile]}"/><text x="${left + index * 60 + 16}" y="${bottom + 30}" class="axis">${percentile}</text>`,
  ).join('');
  const height = bottom + 38;
  const description = requests
    .map(
      ([name, request]) =>
        `${name}: ${PERCENTILES.map((percentile) => `${percentile} ${ms(request.latency[percentile])}`).join(', ')}`,
    )
    .join('; ');
  return `<svg class="latency requests" viewBox="0 0 620 ${height}" width="620" height="${height}" role="img" aria-label="latency by request: ${text(description)}">${rows.join('')}${lines.join('')}${legend}</svg>`;
}

/** The p95 and p99 thresholds a case has, by percentile. */
function thresholdLimits(assertions: readonly AssertionResult[]): Map<string, number> {
  const limits = new Map<string, number>();
  for (const assertion of assertions) {
    if ((assertion.type === 'p95Ms' || assertion.type === 'p99Ms') && typeof assertion.expected === 'number') {
      limits.set(assertion.type === 'p95Ms' ? 'p95' : 'p99', assertion.expected);
    }
  }
  return limits;
}

const THRESHOLD_TYPES = new Set(['p95Ms', 'p99Ms', 'maxErrorRate', 'minRps']);

/**
 * p50 / p90 / p95 / p99 / max as horizontal bars on one scale, with the p95 and p99
 * thresholds (when the case has them) as dashed lines.
 */
/** Throughput (requests/s, errors shaded) and mean and max latency per second, as two stacked SVG plots. */
function timelineChart(timeline: NonNullable<LoadBreakdown['timeline']>, words: RunWords): string {
  const ms = (value: number) => formatMs(value, words);
  const seconds = timeline.requests.length;
  const left = 56;
  const width = 440;
  const plot = 90;
  const x = (index: number) => left + (seconds <= 1 ? width / 2 : (index / (seconds - 1)) * width);
  const path = (values: readonly number[], scale: number, top: number) =>
    values
      .map(
        (value, index) =>
          `${index === 0 ? 'M' : 'L'}${x(index).toFixed(1)},${(top + plot - (value / scale) * plot).toFixed(1)}`,
      )
      .join('');
  const maxRps = Math.max(...timeline.requests, 1);
  const mean = timeline.latencySumMs.map((sum, index) => sum / Math.max(timeline.latencyCount[index] ?? 0, 1));
  const maxLatency = Math.max(...timeline.latencyMaxMs, 1e-9);
  const latencyTop = plot + 36;
  const height = latencyTop + plot + 24;
  const axis = (top: number, label: string) =>
    `<line x1="${left}" x2="${left + width}" y1="${top + plot}" y2="${top + plot}" class="limit"/><text x="0" y="${top + 10}" class="axis">${label}</text>`;
  const peakRps = Math.max(...timeline.requests);
  return `<svg class="timeline" viewBox="0 0 520 ${height}" width="520" height="${height}" role="img" aria-label="throughput and latency over ${seconds} s: peak ${peakRps} requests/s, max latency ${ms(maxLatency)}">${axis(0, `${maxRps} req/s`)}<path d="${path(timeline.requests, maxRps, 0)}" fill="none" stroke="var(--bar)" stroke-width="2"/><path d="${path(timeline.errors, maxRps, 0)}" fill="none" stroke="var(--failed)" stroke-width="1.5"/>${axis(latencyTop, ms(maxLatency))}<path d="${path(timeline.latencyMaxMs, maxLatency, latencyTop)}" fill="none" stroke="var(--errored)" stroke-width="1.5"/><path d="${path(mean, maxLatency, latencyTop)}" fill="none" stroke="var(--bar)" stroke-width="2"/><text x="${left}" y="${height - 6}" class="axis">0 s</text><text x="${left + width - 30}" y="${height - 6}" class="axis">${seconds} s</text><text x="${left + 60}" y="${height - 6}" class="axis">${words.say(m.chartTimelineLegend())}</text></svg>`;
}

function latencyChart(metrics: CaseMetrics, assertions: readonly AssertionResult[], words: RunWords): string {
  const ms = (value: number) => formatMs(value, words);
  const limits = thresholdLimits(assertions);
  const bars: [string, number][] = [
    ['p50', metrics.latency.p50],
    ['p90', metrics.latency.p90],
    ['p95', metrics.latency.p95],
    ['p99', metrics.latency.p99],
    ['max', metrics.latency.max],
  ];
  const scale = Math.max(...bars.map(([, value]) => value), ...limits.values(), 1e-9);
  const left = 48;
  const width = 380;
  const rowHeight = 24;
  const rows = bars.map(([label, value], index) => {
    const y = index * rowHeight + 4;
    const length = Math.max(1, (value / scale) * width);
    const over = limits.has(label) && value > (limits.get(label) as number);
    return `<text x="0" y="${y + 13}" class="axis">${label}</text><rect x="${left}" y="${y}" width="${length.toFixed(1)}" height="16" rx="2" fill="${over ? 'var(--failed)' : 'var(--bar)'}"/><text x="${(left + length + 6).toFixed(1)}" y="${y + 13}" class="value">${ms(value)}</text>`;
  });
  const lines = [...limits].map(([label, limit]) => {
    const x = left + (limit / scale) * width;
    return `<line x1="${x.toFixed(1)}" x2="${x.toFixed(1)}" y1="0" y2="${bars.length * rowHeight + 4}" class="limit"/><text x="${(x + 3).toFixed(1)}" y="${bars.length * rowHeight + 16}" class="axis">${label} ≤ ${ms(limit)}</text>`;
  });
  const height = bars.length * rowHeight + 22;
  return `<svg class="latency" viewBox="0 0 520 ${height}" width="520" height="${height}" role="img" aria-label="latency percentiles: ${bars.map(([label, value]) => `${label} ${ms(value)}`).join(', ')}">${rows.join('')}${lines.join('')}</svg>`;
}

function assertionTable(assertions: readonly AssertionResult[], words: RunWords): string {
  const ordered = [...assertions].sort((a, b) => Number(a.passed) - Number(b.passed));
  const rows = ordered
    .map(
      (assertion) =>
        `<tr class="${assertion.passed ? 'ok' : 'ko'}"><td>${assertion.passed ? '✔' : '✘'}</td><td>${text(assertion.type)}</td><td><code>${text(value(assertion.expected, words))}</code></td><td><code>${text(value(assertion.actual, words))}</code></td><td>${text(cut(assertion.message, MAX_TEXT, words))}</td></tr>`,
    )
    .join('');
  const columns = [m.columnAssertion, m.columnExpected, m.columnActual, m.columnMessage]
    .map((column) => `<th>${words.say(column())}</th>`)
    .join('');
  return `<table class="assertions"><thead><tr><th></th>${columns}</tr></thead><tbody>${rows}</tbody></table>`;
}

function resultRow(
  result: RunCaseResult,
  newFailures: ReadonlySet<string>,
  runSuite: string | null,
  words: RunWords,
): string {
  const reason = result.status === 'skipped' ? (result.message ?? result.error) : undefined;
  const skipped = reason
    ? `<div class="skip-reason">${words.say(m.caseSkipped({ reason: cut(reason, MAX_VALUE, words) }))}</div>`
    : '';
  const classname = result.classname ? `<div class="where">${text(result.classname)}</div>` : '';
  return `<tr class="${statusClass(result.status)}"><td><span class="badge ${statusClass(result.status)}">${words.status(result.status)}</span></td><td>${text(result.name)}${flags(result, newFailures, words)}${classname}${skipped}</td><td>${text(result.suitePath || runSuite || '')}</td><td>${text(result.type)}</td><td class="num">${duration(result.durationMs, words)}</td><td class="num">${words.number(result.attempts)}</td></tr>\n`;
}

function flags(result: RunCaseResult, newFailures: ReadonlySet<string>, words: RunWords): string {
  let out = '';
  if (newFailures.has(result.caseId)) out += ` <span class="flag new">${words.say(m.caseNewFailure())}</span>`;
  if (result.flaky) out += ` <span class="flag flaky">${words.say(m.caseFlaky())}</span>`;
  return out;
}

function statusClass(status: string): string {
  return /^[a-z]+$/.test(status) ? status : 'unknown';
}

// Units stay the SI symbols (ms, s, min) in every language; the numbers follow the locale.
function duration(durationMs: number, words: RunWords): string {
  if (durationMs < 1000) return `${words.number(Math.round(durationMs))} ms`;
  if (durationMs < 60_000) return `${words.number(durationMs / 1000, 2, true)} s`;
  return `${words.number(Math.floor(durationMs / 60_000))} min ${words.number(Math.round((durationMs % 60_000) / 1000))} s`;
}

function formatMs(value: number, words: RunWords): string {
  const digits = value < 10 ? 2 : value < 100 ? 1 : 0;
  return `${words.number(value, digits, true)} ms`;
}

/** An assertion's expected or actual value, as short JSON. */
function value(raw: unknown, words: RunWords): string {
  if (raw === undefined) return '';
  const json = typeof raw === 'string' ? JSON.stringify(raw) : (JSON.stringify(raw) ?? String(raw));
  return cut(json, MAX_VALUE, words);
}

function cut(value: string, max: number, words: RunWords): string {
  if (value.length <= max) return value;
  return `${value.slice(0, max)}\n${formatText(m.caseTextCut({ count: value.length - max }), words.language.locale)}`;
}

const STYLE = `
:root{--passed:#2e7d32;--failed:#c62828;--errored:#ef6c00;--skipped:#9e9e9e;--flaky:#6a1b9a;--bar:#1565c0;--ink:#1d2330;--muted:#5f6b7a;--line:#e3e7ee;--bg:#f7f9fc}
*{box-sizing:border-box}body{margin:0;padding:24px 32px;font:14px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);background:var(--bg)}
h1{font-size:22px;margin:0 0 8px}h2{font-size:17px;margin:28px 0 10px}h3{font-size:15px;margin:0 0 4px;word-break:break-word}
header,section>article,.summary{background:#fff;border:1px solid var(--line);border-radius:8px;padding:16px 20px}
.facts{display:flex;flex-wrap:wrap;gap:6px 28px;margin:8px 0 0}.facts div{display:flex;gap:6px}.facts dt{color:var(--muted)}.facts dd{margin:0;font-family:ui-monospace,monospace;word-break:break-all}
.summary{margin-top:16px}.tiles{display:flex;flex-wrap:wrap;gap:12px}.tile{min-width:96px;padding:8px 12px;border-radius:6px;background:var(--bg);display:flex;flex-direction:column}
.tile .value{font-size:20px;font-weight:600}.tile .label{color:var(--muted);font-size:12px;text-transform:uppercase;letter-spacing:.04em}
.tile.passed .value{color:var(--passed)}.tile.failed .value{color:var(--failed)}.tile.errored .value{color:var(--errored)}.tile.skipped .value{color:var(--skipped)}.tile.flaky .value{color:var(--flaky)}
svg.bar{display:block;width:100%;height:14px;margin-top:14px;border-radius:4px;background:var(--line)}
.badge{display:inline-block;padding:1px 8px;border-radius:10px;font-size:12px;font-weight:600;color:#fff;background:var(--muted);vertical-align:middle}
.badge.passed{background:var(--passed)}.badge.failed{background:var(--failed)}.badge.errored{background:var(--errored)}.badge.skipped{background:var(--skipped)}.badge.running,.badge.queued{background:var(--bar)}
.flag{display:inline-block;padding:0 6px;margin-left:6px;border-radius:4px;font-size:11px;font-weight:600;text-transform:uppercase;border:1px solid}.flag.new{color:var(--failed)}.flag.flaky{color:var(--flaky)}
.count{color:var(--muted);font-weight:400}.hint{color:var(--muted)}.plain{list-style:none;padding:0}
section>article{margin-bottom:12px;border-left:4px solid var(--line)}article.failed{border-left-color:var(--failed)}article.errored{border-left-color:var(--errored)}article.passed{border-left-color:var(--passed)}
.where{color:var(--muted);margin:0 0 8px;font-size:13px;word-break:break-word}.skip-reason{color:var(--muted);font-size:13px;font-style:italic}.error,.message{font-weight:600;white-space:pre-wrap;word-break:break-word}
pre{background:#0f1420;color:#e8ecf3;padding:10px 12px;border-radius:6px;overflow-x:auto;font-size:12px;white-space:pre-wrap;word-break:break-word}
details summary{cursor:pointer;color:var(--muted)}
table{border-collapse:collapse;width:100%;background:#fff}th,td{text-align:left;padding:5px 8px;border-bottom:1px solid var(--line);vertical-align:top}th{font-size:12px;color:var(--muted);text-transform:uppercase}
td.num,th.num{text-align:right;white-space:nowrap}table.assertions{margin:8px 0}tr.ko td{background:#fdecea}table.assertions code{word-break:break-all}
table.results{border:1px solid var(--line);border-radius:8px}table.requests{margin:8px 0}
svg.latency{display:block;max-width:100%;margin:8px 0}svg.latency .axis{font-size:12px;fill:var(--muted)}svg.latency .value{font-size:12px;fill:var(--ink)}svg.latency .limit{stroke:var(--failed);stroke-dasharray:4 3}
.notice{background:#fff3e0;border:1px solid var(--errored);border-radius:8px;padding:12px 20px;margin-top:16px}
footer{margin-top:32px;color:var(--muted);font-size:12px}
`
  .trim()
  .replace(/\n/g, '');
