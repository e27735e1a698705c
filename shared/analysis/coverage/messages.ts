import { defineMessage } from '#shared/i18n/catalogue';

// The texts a client reads when a coverage report is refused. `reason` is the machine code of
// CoverageReportError (shared/analysis/coverage/reports.ts); each has its words here.

export const titleInvalidCoverageReport = /* @__PURE__ */ defineMessage('analysis.coverage.titleInvalidReport', {
  en: 'Invalid coverage report',
  'zh-CN': '无效的覆盖率报告',
});

export const invalidCoverageReportDetail = /* @__PURE__ */ defineMessage<{
  format: string;
  line: number;
  reason: string;
  detail: string;
}>('analysis.coverage.invalidReportDetail', {
  en: 'The {format} report cannot be read at line {line, number}: {reason, select, lcov_syntax {this is not an lcov record ({detail})} lcov_outside_record {a DA line before its SF line} lcov_bad_number {a line number or hit count is not a whole number ({detail})} xml_malformed {the XML is not well-formed ({detail})} xml_doctype {a DOCTYPE with declarations is refused (entities are never expanded)} wrong_root {its root element is {detail}, not the one of this format} bad_attribute {an attribute is missing or not a whole number ({detail})} empty {it reports no file} other {{detail}}}.',
  'zh-CN':
    '{format} 报告在第 {line, number} 行无法读取：{reason, select, lcov_syntax {这不是 lcov 记录（{detail}）} lcov_outside_record {DA 行出现在其 SF 行之前} lcov_bad_number {行号或命中次数不是整数（{detail}）} xml_malformed {XML 格式不正确（{detail}）} xml_doctype {拒绝带声明的 DOCTYPE（从不展开实体）} wrong_root {根元素是 {detail}，不是该格式的根元素} bad_attribute {属性缺失或不是整数（{detail}）} empty {报告中没有任何文件} other {{detail}}}。',
});

export const coverageReportTooLarge = /* @__PURE__ */ defineMessage<{ maxBytes: number }>(
  'analysis.coverage.reportTooLarge',
  {
    en: 'A coverage report may have at most {maxBytes, number} bytes.',
    'zh-CN': '覆盖率报告最多 {maxBytes, number} 字节。',
  },
);

export const analysisFailedNoCoverage = /* @__PURE__ */ defineMessage('analysis.coverage.analysisFailed', {
  en: 'The analysis failed: it has no files to attach a coverage report to.',
  'zh-CN': '该分析已失败：没有可关联覆盖率报告的文件。',
});
