import { defineMessage } from '#shared/i18n/catalogue';

// Texts of the analysis reports (SARIF rule descriptions and result messages, the HTML page).

export const ruleComplexityName = /* @__PURE__ */ defineMessage('analysis.report.rule.complexity', {
  en: 'Function too complex (cyclomatic)',
  'zh-CN': '函数过于复杂（圈复杂度）',
});
export const ruleComplexityHelp = /* @__PURE__ */ defineMessage<{ threshold: number }>(
  'analysis.report.rule.complexityHelp',
  {
    en: 'A function with a cyclomatic complexity above {threshold, number} has more independent paths than its tests are likely to cover. Split it into smaller functions.',
    'zh-CN': '圈复杂度超过 {threshold, number} 的函数，独立路径多到测试难以覆盖。请把它拆成更小的函数。',
  },
);
export const ruleCognitiveName = /* @__PURE__ */ defineMessage('analysis.report.rule.cognitive', {
  en: 'Function hard to understand (cognitive complexity)',
  'zh-CN': '函数难以理解（认知复杂度）',
});
export const ruleCognitiveHelp = /* @__PURE__ */ defineMessage<{ threshold: number }>(
  'analysis.report.rule.cognitiveHelp',
  {
    en: 'A function with a cognitive complexity above {threshold, number} nests and breaks its flow so much that it is hard to read. Flatten it or extract parts.',
    'zh-CN': '认知复杂度超过 {threshold, number} 的函数嵌套和跳转过多，难以阅读。请减少嵌套或提取部分逻辑。',
  },
);
export const ruleDuplicationName = /* @__PURE__ */ defineMessage('analysis.report.rule.duplication', {
  en: 'Duplicated code',
  'zh-CN': '重复代码',
});
export const ruleDuplicationHelp = /* @__PURE__ */ defineMessage('analysis.report.rule.duplicationHelp', {
  en: 'The same code (identifiers and literals aside) appears in several places; a fix in one is easily missed in the others.',
  'zh-CN': '相同的代码（不计标识符和字面量）出现在多处；修改其中一处时容易漏掉其他几处。',
});
export const ruleCycleName = /* @__PURE__ */ defineMessage('analysis.report.rule.cycle', {
  en: 'Dependency cycle',
  'zh-CN': '依赖循环',
});
export const ruleCycleHelp = /* @__PURE__ */ defineMessage('analysis.report.rule.cycleHelp', {
  en: 'These files import each other in a cycle, so none of them can be understood, tested or changed alone.',
  'zh-CN': '这些文件相互循环导入，任何一个都无法单独理解、测试或修改。',
});
export const resultComplexity = /* @__PURE__ */ defineMessage<{ name: string; value: number; threshold: number }>(
  'analysis.report.result.complexity',
  {
    en: '{name} has a cyclomatic complexity of {value, number} (more than {threshold, number}).',
    'zh-CN': '{name} 的圈复杂度为 {value, number}（超过 {threshold, number}）。',
  },
);
export const resultCognitive = /* @__PURE__ */ defineMessage<{ name: string; value: number; threshold: number }>(
  'analysis.report.result.cognitive',
  {
    en: '{name} has a cognitive complexity of {value, number} (more than {threshold, number}).',
    'zh-CN': '{name} 的认知复杂度为 {value, number}（超过 {threshold, number}）。',
  },
);
export const resultDuplication = /* @__PURE__ */ defineMessage<{ lines: number; others: number }>(
  'analysis.report.result.duplication',
  {
    en: '{lines, plural, one {# line} other {# lines}} duplicated in {others, plural, one {# other place} other {# other places}}.',
    'zh-CN': '{lines, number} 行代码在另外 {others, number} 处重复。',
  },
);
export const resultCycle = /* @__PURE__ */ defineMessage<{ cycle: string; files: number }>(
  'analysis.report.result.cycle',
  {
    en: 'Import cycle: {cycle} ({files, plural, one {# file} other {# files}} in the cycle).',
    'zh-CN': '导入循环：{cycle}（循环中共 {files, number} 个文件）。',
  },
);

// The HTML analysis report.
export const pageTitle = /* @__PURE__ */ defineMessage<{ branch: string; commit: string }>('analysis.report.title', {
  en: 'Code analysis of {branch} at {commit}',
  'zh-CN': '{branch} 分支 {commit} 的代码分析',
});
export const factAnalysis = /* @__PURE__ */ defineMessage('analysis.report.fact.analysis', {
  en: 'Analysis',
  'zh-CN': '分析',
});
export const factCommit = /* @__PURE__ */ defineMessage('analysis.report.fact.commit', {
  en: 'Commit',
  'zh-CN': '提交',
});
export const factBranch = /* @__PURE__ */ defineMessage('analysis.report.fact.branch', {
  en: 'Branch',
  'zh-CN': '分支',
});
export const factStarted = /* @__PURE__ */ defineMessage('analysis.report.fact.started', {
  en: 'Started',
  'zh-CN': '开始',
});
export const factEnded = /* @__PURE__ */ defineMessage('analysis.report.fact.ended', { en: 'Ended', 'zh-CN': '结束' });
export const gatePassed = /* @__PURE__ */ defineMessage('analysis.report.gatePassed', {
  en: 'Quality gate passed',
  'zh-CN': '质量门禁通过',
});
export const gateFailedBadge = /* @__PURE__ */ defineMessage('analysis.report.gateFailed', {
  en: 'Quality gate failed',
  'zh-CN': '质量门禁未通过',
});
export const conditionStatus = /* @__PURE__ */ defineMessage<{ status: string }>('analysis.report.conditionStatus', {
  en: '{status, select, passed {passed} failed {failed} not_applicable {not applicable} no_value {not measured} other {{status}}}',
  'zh-CN': '{status, select, passed {通过} failed {未通过} not_applicable {不适用} no_value {未测量} other {{status}}}',
});
export const tileFiles = /* @__PURE__ */ defineMessage('analysis.report.tile.files', { en: 'Files', 'zh-CN': '文件' });
export const tileCode = /* @__PURE__ */ defineMessage('analysis.report.tile.code', {
  en: 'Code lines',
  'zh-CN': '代码行',
});
export const tileFunctions = /* @__PURE__ */ defineMessage('analysis.report.tile.functions', {
  en: 'Functions',
  'zh-CN': '函数',
});
export const tileMaxComplexity = /* @__PURE__ */ defineMessage('analysis.report.tile.maxComplexity', {
  en: 'Max complexity',
  'zh-CN': '最高复杂度',
});
export const tileDuplication = /* @__PURE__ */ defineMessage('analysis.report.tile.duplication', {
  en: 'Duplication',
  'zh-CN': '重复率',
});
export const tileCycles = /* @__PURE__ */ defineMessage('analysis.report.tile.cycles', {
  en: 'Cycles',
  'zh-CN': '循环',
});
export const sectionLanguages = /* @__PURE__ */ defineMessage('analysis.report.section.languages', {
  en: 'Languages',
  'zh-CN': '语言',
});
export const sectionComplexity = /* @__PURE__ */ defineMessage('analysis.report.section.complexity', {
  en: 'Functions by cyclomatic complexity',
  'zh-CN': '按圈复杂度统计的函数',
});
export const sectionGate = /* @__PURE__ */ defineMessage('analysis.report.section.gate', {
  en: 'Quality gate',
  'zh-CN': '质量门禁',
});
export const sectionComplexFunctions = /* @__PURE__ */ defineMessage('analysis.report.section.complexFunctions', {
  en: 'Most complex functions',
  'zh-CN': '最复杂的函数',
});
export const sectionDuplications = /* @__PURE__ */ defineMessage('analysis.report.section.duplications', {
  en: 'Largest duplicated blocks',
  'zh-CN': '最大的重复代码块',
});
export const sectionCycles = /* @__PURE__ */ defineMessage('analysis.report.section.cycles', {
  en: 'Dependency cycles',
  'zh-CN': '依赖循环',
});
export const sectionSkipped = /* @__PURE__ */ defineMessage('analysis.report.section.skipped', {
  en: 'Files not analysed',
  'zh-CN': '未分析的文件',
});
export const columnLanguage = /* @__PURE__ */ defineMessage('analysis.report.column.language', {
  en: 'Language',
  'zh-CN': '语言',
});
export const columnFiles = /* @__PURE__ */ defineMessage('analysis.report.column.files', {
  en: 'Files',
  'zh-CN': '文件数',
});
export const columnCode = /* @__PURE__ */ defineMessage('analysis.report.column.code', { en: 'Code', 'zh-CN': '代码' });
export const columnComment = /* @__PURE__ */ defineMessage('analysis.report.column.comment', {
  en: 'Comment',
  'zh-CN': '注释',
});
export const columnBlank = /* @__PURE__ */ defineMessage('analysis.report.column.blank', {
  en: 'Blank',
  'zh-CN': '空行',
});
export const columnFunction = /* @__PURE__ */ defineMessage('analysis.report.column.function', {
  en: 'Function',
  'zh-CN': '函数',
});
export const columnWhere = /* @__PURE__ */ defineMessage('analysis.report.column.where', {
  en: 'Where',
  'zh-CN': '位置',
});
export const columnCyclomatic = /* @__PURE__ */ defineMessage('analysis.report.column.cyclomatic', {
  en: 'Cyclomatic',
  'zh-CN': '圈复杂度',
});
export const columnCognitive = /* @__PURE__ */ defineMessage('analysis.report.column.cognitive', {
  en: 'Cognitive',
  'zh-CN': '认知复杂度',
});
export const columnCondition = /* @__PURE__ */ defineMessage('analysis.report.column.condition', {
  en: 'Condition',
  'zh-CN': '条件',
});
export const columnActual = /* @__PURE__ */ defineMessage('analysis.report.column.actual', {
  en: 'Actual',
  'zh-CN': '实际值',
});
export const columnResult = /* @__PURE__ */ defineMessage('analysis.report.column.result', {
  en: 'Result',
  'zh-CN': '结果',
});
export const columnReason = /* @__PURE__ */ defineMessage('analysis.report.column.reason', {
  en: 'Reason',
  'zh-CN': '原因',
});
export const duplicateBlock = /* @__PURE__ */ defineMessage<{ lines: number; tokens: number }>(
  'analysis.report.duplicateBlock',
  {
    en: '{lines, plural, one {# line} other {# lines}}, {tokens, number} tokens',
    'zh-CN': '{lines, number} 行，{tokens, number} 个词法单元',
  },
);
export const nothingFound = /* @__PURE__ */ defineMessage('analysis.report.nothingFound', {
  en: 'None.',
  'zh-CN': '无。',
});
export const notMeasured = /* @__PURE__ */ defineMessage('analysis.report.notMeasured', {
  en: 'Not measured by this analysis.',
  'zh-CN': '本次分析未测量。',
});
export const generated = /* @__PURE__ */ defineMessage<{ when: string; timeZone: string }>(
  'analysis.report.generated',
  {
    en: 'Generated {when} (times in {timeZone}) by Trellis.',
    'zh-CN': '由 Trellis 生成于 {when}（时区 {timeZone}）。',
  },
);
