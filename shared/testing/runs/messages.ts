import { defineMessage } from '#shared/i18n/catalogue';

// The testing/runs texts a client can read, in every language.

export const casesMissing = /* @__PURE__ */ defineMessage('testing.runs.casesMissing', {
  en: 'Some of the test cases do not exist in this project.',
  'zh-CN': '部分测试用例在此项目中不存在。',
});

export const runNotFound = /* @__PURE__ */ defineMessage('testing.runs.runNotFound', {
  en: 'No such test run in this project.',
  'zh-CN': '此项目中不存在该测试运行。',
});
