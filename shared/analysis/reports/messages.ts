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
