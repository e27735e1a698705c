import { defineMessage, type LocalizedText } from '#shared/i18n/catalogue';

// The quality gate's texts: its validation messages and why it stopped a deployment.

export const percentThreshold = /* @__PURE__ */ defineMessage('analysis.gate.percentThreshold', {
  en: 'a percentage threshold must be between 0 and 100',
  'zh-CN': '百分比阈值必须在 0 到 100 之间',
});
export const duplicateCondition = /* @__PURE__ */ defineMessage('analysis.gate.duplicateCondition', {
  en: 'each metric may have one condition on the whole code and one on new code',
  'zh-CN': '每个指标在全部代码和新代码上各最多一个条件',
});
export const gateFailed = /* @__PURE__ */ defineMessage<{ conditions: LocalizedText }>('analysis.gate.failed', {
  en: 'The quality gate failed: {conditions}.',
  'zh-CN': '质量门禁未通过：{conditions}。',
});
// A list of conditions as one text: a fixed pattern nested to the right, so that a stored reason
// (id and values) words every item in the reader's language.
export const conditionList = /* @__PURE__ */ defineMessage<{ first: LocalizedText; rest: LocalizedText }>(
  'analysis.gate.conditionList',
  { en: '{first}; {rest}', 'zh-CN': '{first}；{rest}' },
);
export const conditionFailed = /* @__PURE__ */ defineMessage<{
  metric: LocalizedText;
  scope: LocalizedText;
  actual: number;
  operator: string;
  threshold: number;
}>('analysis.gate.conditionFailed', {
  en: '{metric} {scope} is {actual, number} (required {operator} {threshold, number})',
  'zh-CN': '{scope}{metric}为 {actual, number}（要求 {operator} {threshold, number}）',
});
export const conditionNoValue = /* @__PURE__ */ defineMessage<{ metric: LocalizedText; scope: LocalizedText }>(
  'analysis.gate.conditionNoValue',
  {
    en: '{metric} {scope} was not measured',
    'zh-CN': '{scope}{metric}没有测量值',
  },
);
export const scopeNewCode = /* @__PURE__ */ defineMessage('analysis.gate.scopeNewCode', {
  en: 'on new code',
  'zh-CN': '新代码的',
});
export const scopeOverall = /* @__PURE__ */ defineMessage('analysis.gate.scopeOverall', {
  en: 'overall',
  'zh-CN': '全部代码的',
});
export const metricMaxCyclomatic = /* @__PURE__ */ defineMessage('analysis.gate.metric.maxCyclomatic', {
  en: 'the highest cyclomatic complexity of a function',
  'zh-CN': '函数最高圈复杂度',
});
export const metricMaxCognitive = /* @__PURE__ */ defineMessage('analysis.gate.metric.maxCognitive', {
  en: 'the highest cognitive complexity of a function',
  'zh-CN': '函数最高认知复杂度',
});
export const metricDuplication = /* @__PURE__ */ defineMessage('analysis.gate.metric.duplication', {
  en: 'duplicated lines (%)',
  'zh-CN': '重复行比例（%）',
});
export const metricCoverage = /* @__PURE__ */ defineMessage('analysis.gate.metric.coverage', {
  en: 'line coverage (%)',
  'zh-CN': '行覆盖率（%）',
});
export const metricCycles = /* @__PURE__ */ defineMessage('analysis.gate.metric.cycles', {
  en: 'dependency cycles',
  'zh-CN': '依赖循环数',
});
