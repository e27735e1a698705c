// The HTML analysis report: one self-contained page (inline CSS and SVG, no script, a CSP that
// would stop one) a person reads in a browser or keeps as a CI artifact. Every value that
// came from the snapshot (paths, function names, languages) is escaped.
import { scopeNewCode, scopeOverall } from '#shared/analysis/gate/messages';
import { gateMetricName, OPERATOR_SIGNS } from '#shared/analysis/gate/rules';
import * as m from '#shared/analysis/reports/messages';
import { DEFAULT_REPORT_LANGUAGE, type ReportLanguage, text, Words } from '#shared/reports/page';
import type { GateResult } from '#shared/schemas/quality-gate';

/** The parts of an analysis summary the page shows (the API's `AnalysisSummary`). */
export interface ReportSummary {
  files: { analysed: number; skipped: Readonly<Record<string, number>> };
  lines: { code: number; comment: number; blank: number };
  languages: readonly { language: string; files: number; code: number; comment: number; blank: number }[];
  functions: null | {
    count: number;
    cyclomaticDistribution: Readonly<Record<string, number>>;
    maxCyclomatic: number;
    maxCognitive: number;
  };
  duplication: null | { blocks: number; duplicatedLines: number; percentage: number };
  dependencies: null | { cycles: number };
}

/** What the page is made from: the analysis, its gate, and the worst of each finding (already cut to a few). */
export interface AnalysisReportInput {
  analysis: { id: string; commit: string; branch: string; startedAt: string | null; endedAt: string | null };
  summary: ReportSummary;
  gate?: GateResult | null;
  complexFunctions: readonly { path: string; name: string; startLine: number; cyclomatic: number; cognitive: number }[];
  duplications: readonly {
    lines: number;
    tokens: number;
    occurrences: readonly { path: string; startLine: number; endLine: number }[];
  }[];
  cycles: readonly { example: readonly string[] }[];
}

const DISTRIBUTION_BUCKETS = ['1-5', '6-10', '11-20', '21-50', '51+'];

/** The page, as one string (an analysis report is small: its lists are cut before they get here). */
export function analysisReportHtml(
  input: AnalysisReportInput,
  language: ReportLanguage = DEFAULT_REPORT_LANGUAGE,
): string {
  const words = new Words(language);
  const { analysis, summary } = input;
  const title = words.say(m.pageTitle({ branch: analysis.branch, commit: analysis.commit }));
  return `<!doctype html>
<html lang="${language.locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${title}</title>
<style>${STYLE}</style>
</head>
<body>
<header><h1>${title}</h1>${gateBadge(input.gate, words)}${facts(analysis, words)}</header>
${tiles(summary, words)}
${input.gate ? gateSection(input.gate, words) : ''}
<section><h2>${words.say(m.sectionLanguages())}</h2>${languageChart(summary, words)}${languageTable(summary, words)}</section>
<section><h2>${words.say(m.sectionComplexity())}</h2>${summary.functions ? distributionChart(summary.functions.cyclomaticDistribution, words) : notMeasured(words)}</section>
<section><h2>${words.say(m.sectionComplexFunctions())}</h2>${functionTable(input.complexFunctions, words)}</section>
<section><h2>${words.say(m.sectionDuplications())}</h2>${duplicationList(input.duplications, words)}</section>
<section><h2>${words.say(m.sectionCycles())}</h2>${cycleList(input.cycles, words)}</section>
<section><h2>${words.say(m.sectionSkipped())}</h2>${skippedList(summary.files.skipped, words)}</section>
<footer>${words.say(m.generated({ when: words.date(new Date().toISOString()), timeZone: language.timeZone }))}</footer>
</body>
</html>
`;
}

function gateBadge(gate: GateResult | null | undefined, words: Words): string {
  if (!gate) return '';
  const passed = gate.status === 'passed';
  return `<p><span class="badge ${passed ? 'passed' : 'failed'}">${words.say(passed ? m.gatePassed() : m.gateFailedBadge())}</span></p>`;
}

function facts(analysis: AnalysisReportInput['analysis'], words: Words): string {
  const rows: [string, string | null][] = [
    [words.say(m.factAnalysis()), text(analysis.id)],
    [words.say(m.factCommit()), text(analysis.commit)],
    [words.say(m.factBranch()), text(analysis.branch)],
    [words.say(m.factStarted()), analysis.startedAt && text(words.date(analysis.startedAt))],
    [words.say(m.factEnded()), analysis.endedAt && text(words.date(analysis.endedAt))],
  ];
  const shown = rows
    .filter(([, value]) => value)
    .map(([label, value]) => `<div><dt>${label}</dt><dd>${value}</dd></div>`);
  return `<dl class="facts">${shown.join('')}</dl>`;
}

function tiles(summary: ReportSummary, words: Words): string {
  const tile = (label: string, value: string) =>
    `<div class="tile"><span class="value">${value}</span><span class="label">${label}</span></div>`;
  const dash = '–';
  return `<section class="summary"><div class="tiles">${[
    tile(words.say(m.tileFiles()), words.number(summary.files.analysed)),
    tile(words.say(m.tileCode()), words.number(summary.lines.code)),
    tile(words.say(m.tileFunctions()), summary.functions ? words.number(summary.functions.count) : dash),
    tile(words.say(m.tileMaxComplexity()), summary.functions ? words.number(summary.functions.maxCyclomatic) : dash),
    tile(
      words.say(m.tileDuplication()),
      summary.duplication ? `${words.number(summary.duplication.percentage, 1)} %` : dash,
    ),
    tile(words.say(m.tileCycles()), summary.dependencies ? words.number(summary.dependencies.cycles) : dash),
  ].join('')}</div></section>`;
}

function gateSection(gate: GateResult, words: Words): string {
  const rows = gate.conditions.map((condition) => {
    const ok = condition.status === 'passed' || condition.status === 'not_applicable';
    const scope = words.say(condition.onNewCode ? scopeNewCode() : scopeOverall());
    const actual = condition.actual === null ? '–' : words.number(condition.actual, 2);
    const status = words.say(m.conditionStatus({ status: condition.status }));
    return `<tr class="${ok ? '' : 'ko'}"><td>${words.say(gateMetricName(condition.metric))} (${scope})</td><td class="num">${text(OPERATOR_SIGNS[condition.operator])} ${words.number(condition.threshold, 2)}</td><td class="num">${actual}</td><td>${status}</td></tr>`;
  });
  return `<section><h2>${words.say(m.sectionGate())}</h2><table><thead><tr><th>${words.say(m.columnCondition())}</th><th class="num"></th><th class="num">${words.say(m.columnActual())}</th><th>${words.say(m.columnResult())}</th></tr></thead><tbody>${rows.join('')}</tbody></table></section>`;
}

const BAR_WIDTH = 600;

/** Code, comment and blank lines per language as stacked horizontal bars (SVG). */
function languageChart(summary: ReportSummary, words: Words): string {
  const languages = summary.languages.slice(0, 12);
  if (languages.length === 0) return `<p class="hint">${words.say(m.nothingFound())}</p>`;
  const widest = Math.max(...languages.map((entry) => entry.code + entry.comment + entry.blank), 1);
  const rowHeight = 22;
  const labelWidth = 150;
  const bars = languages.map((entry, index) => {
    const y = index * rowHeight;
    let x = labelWidth;
    const parts = (['code', 'comment', 'blank'] as const).map((kind) => {
      const width = (entry[kind] / widest) * BAR_WIDTH;
      const rect = `<rect class="${kind}" x="${x.toFixed(1)}" y="${y + 4}" width="${width.toFixed(1)}" height="${rowHeight - 8}"/>`;
      x += width;
      return rect;
    });
    return `<text class="axis" x="${labelWidth - 8}" y="${y + rowHeight - 7}" text-anchor="end">${text(entry.language)}</text>${parts.join('')}<text class="value" x="${(x + 6).toFixed(1)}" y="${y + rowHeight - 7}">${words.number(entry.code)}</text>`;
  });
  const height = languages.length * rowHeight;
  return `<svg class="chart" viewBox="0 0 ${labelWidth + BAR_WIDTH + 90} ${height}" width="${labelWidth + BAR_WIDTH + 90}" height="${height}" role="img">${bars.join('')}</svg>`;
}

function languageTable(summary: ReportSummary, words: Words): string {
  const head = [m.columnLanguage, m.columnFiles, m.columnCode, m.columnComment, m.columnBlank]
    .map((column, index) => `<th${index > 0 ? ' class="num"' : ''}>${words.say(column())}</th>`)
    .join('');
  const rows = summary.languages.map(
    (entry) =>
      `<tr><td>${text(entry.language)}</td><td class="num">${words.number(entry.files)}</td><td class="num">${words.number(entry.code)}</td><td class="num">${words.number(entry.comment)}</td><td class="num">${words.number(entry.blank)}</td></tr>`,
  );
  return `<table><thead><tr>${head}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

/** Functions per complexity bucket as columns (SVG). */
function distributionChart(distribution: Readonly<Record<string, number>>, words: Words): string {
  const counts = DISTRIBUTION_BUCKETS.map((bucket) => distribution[bucket] ?? 0);
  const highest = Math.max(...counts, 1);
  const columnWidth = 90;
  const height = 160;
  const columns = counts.map((count, index) => {
    const barHeight = (count / highest) * (height - 40);
    const x = index * columnWidth + 10;
    const y = height - 20 - barHeight;
    return `<rect class="bucket b${index}" x="${x}" y="${y.toFixed(1)}" width="${columnWidth - 20}" height="${barHeight.toFixed(1)}"/><text class="value" x="${x + (columnWidth - 20) / 2}" y="${(y - 4).toFixed(1)}" text-anchor="middle">${words.number(count)}</text><text class="axis" x="${x + (columnWidth - 20) / 2}" y="${height - 4}" text-anchor="middle">${DISTRIBUTION_BUCKETS[index]}</text>`;
  });
  const width = DISTRIBUTION_BUCKETS.length * columnWidth + 20;
  return `<svg class="chart" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img">${columns.join('')}</svg>`;
}

function functionTable(functions: AnalysisReportInput['complexFunctions'], words: Words): string {
  if (functions.length === 0) return `<p class="hint">${words.say(m.nothingFound())}</p>`;
  const rows = functions.map(
    (fn) =>
      `<tr><td><code>${text(fn.name)}</code></td><td><code>${text(fn.path)}:${fn.startLine}</code></td><td class="num">${words.number(fn.cyclomatic)}</td><td class="num">${words.number(fn.cognitive)}</td></tr>`,
  );
  return `<table><thead><tr><th>${words.say(m.columnFunction())}</th><th>${words.say(m.columnWhere())}</th><th class="num">${words.say(m.columnCyclomatic())}</th><th class="num">${words.say(m.columnCognitive())}</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function duplicationList(blocks: AnalysisReportInput['duplications'], words: Words): string {
  if (blocks.length === 0) return `<p class="hint">${words.say(m.nothingFound())}</p>`;
  const items = blocks.map((block) => {
    const where = block.occurrences
      .map((at) => `<li><code>${text(at.path)}:${at.startLine}-${at.endLine}</code></li>`)
      .join('');
    return `<li>${words.say(m.duplicateBlock({ lines: block.lines, tokens: block.tokens }))}<ul>${where}</ul></li>`;
  });
  return `<ul class="plain">${items.join('')}</ul>`;
}

function cycleList(cycles: AnalysisReportInput['cycles'], words: Words): string {
  if (cycles.length === 0) return `<p class="hint">${words.say(m.nothingFound())}</p>`;
  const items = cycles.map(
    (cycle) => `<li><code>${[...cycle.example, cycle.example[0] ?? ''].map(text).join(' → ')}</code></li>`,
  );
  return `<ul class="plain">${items.join('')}</ul>`;
}

function skippedList(skipped: Readonly<Record<string, number>>, words: Words): string {
  const entries = Object.entries(skipped).filter(([, count]) => count > 0);
  if (entries.length === 0) return `<p class="hint">${words.say(m.nothingFound())}</p>`;
  const rows = entries.map(
    ([reason, count]) => `<tr><td>${text(reason)}</td><td class="num">${words.number(count)}</td></tr>`,
  );
  return `<table><thead><tr><th>${words.say(m.columnReason())}</th><th class="num">${words.say(m.columnFiles())}</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function notMeasured(words: Words): string {
  return `<p class="hint">${words.say(m.notMeasured())}</p>`;
}

const STYLE = `
:root{--passed:#2e7d32;--failed:#c62828;--ink:#1d2330;--muted:#5f6b7a;--line:#e3e7ee;--bg:#f7f9fc;--code:#1565c0;--comment:#90a4ae;--blank:#cfd8dc}
*{box-sizing:border-box}body{margin:0;padding:24px 32px;font:14px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);background:var(--bg)}
h1{font-size:22px;margin:0 0 8px}h2{font-size:17px;margin:28px 0 10px}
header,.summary,section{background:#fff;border:1px solid var(--line);border-radius:8px;padding:16px 20px;margin-top:16px}
.facts{display:flex;flex-wrap:wrap;gap:6px 28px;margin:8px 0 0}.facts div{display:flex;gap:6px}.facts dt{color:var(--muted)}.facts dd{margin:0;font-family:ui-monospace,monospace;word-break:break-all}
.tiles{display:flex;flex-wrap:wrap;gap:12px}.tile{min-width:110px;padding:8px 12px;border-radius:6px;background:var(--bg);display:flex;flex-direction:column}
.tile .value{font-size:20px;font-weight:600}.tile .label{color:var(--muted);font-size:12px;text-transform:uppercase;letter-spacing:.04em}
.badge{display:inline-block;padding:2px 10px;border-radius:10px;font-size:13px;font-weight:600;color:#fff}.badge.passed{background:var(--passed)}.badge.failed{background:var(--failed)}
.hint{color:var(--muted)}.plain{list-style:none;padding:0}.plain li{margin:6px 0}.plain ul{list-style:none;padding-left:16px}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:5px 8px;border-bottom:1px solid var(--line);vertical-align:top}th{font-size:12px;color:var(--muted);text-transform:uppercase}
td.num,th.num{text-align:right;white-space:nowrap}tr.ko td{background:#fdecea}code{word-break:break-all}
svg.chart{display:block;max-width:100%;height:auto;margin:8px 0}svg .axis{font-size:12px;fill:var(--muted)}svg .value{font-size:12px;fill:var(--ink)}
rect.code{fill:var(--code)}rect.comment{fill:var(--comment)}rect.blank{fill:var(--blank)}rect.bucket{fill:var(--code)}rect.b2{fill:#f9a825}rect.b3{fill:#ef6c00}rect.b4{fill:var(--failed)}
footer{margin-top:32px;color:var(--muted);font-size:12px}
`
  .trim()
  .replace(/\n/g, '');
