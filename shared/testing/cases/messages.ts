import { defineMessage } from '#shared/i18n/catalogue';

// The testing/cases texts a client can read, in every language.

export const caseTaken = /* @__PURE__ */ defineMessage('testing.cases.caseTaken', {
  en: 'The project already has a test case with this classname and name (an import may have created it).',
  'zh-CN': '此项目已有相同 classname 和 name 的测试用例（可能是导入时创建的）。',
});

export const caseVersionMismatch = /* @__PURE__ */ defineMessage('testing.cases.caseVersionMismatch', {
  en: 'The test case changed since that version; fetch it again.',
  'zh-CN': '该测试用例在此版本之后已被修改；请重新获取。',
});

export const caseConcurrentModification = /* @__PURE__ */ defineMessage('testing.cases.caseConcurrentModification', {
  en: 'The test case was changed at the same time; try again.',
  'zh-CN': '该测试用例同时被修改；请重试。',
});

export const titleCaseTooLarge = /* @__PURE__ */ defineMessage('testing.cases.titleCaseTooLarge', {
  en: 'Test case too large',
  'zh-CN': '测试用例过大',
});

export const suiteWouldBeEmpty = /* @__PURE__ */ defineMessage('testing.cases.suiteWouldBeEmpty', {
  en: 'The change would leave the suite without caseIds and tags.',
  'zh-CN': '此更改会使测试套件既没有 caseIds 也没有 tags。',
});

export const suiteVersionMismatch = /* @__PURE__ */ defineMessage('testing.cases.suiteVersionMismatch', {
  en: 'The test suite changed since that version; fetch it again.',
  'zh-CN': '该测试套件在此版本之后已被修改；请重新获取。',
});

export const suiteConcurrentModification = /* @__PURE__ */ defineMessage('testing.cases.suiteConcurrentModification', {
  en: 'The test suite was changed at the same time; try again.',
  'zh-CN': '该测试套件同时被修改；请重试。',
});

export const casesMissing = /* @__PURE__ */ defineMessage('testing.cases.casesMissing', {
  en: 'Some listed test cases do not exist in this project.',
  'zh-CN': '列出的部分测试用例在此项目中不存在。',
});

export const caseNotFound = /* @__PURE__ */ defineMessage('testing.cases.caseNotFound', {
  en: 'No such test case in this project.',
  'zh-CN': '此项目中不存在该测试用例。',
});

export const suiteNotFound = /* @__PURE__ */ defineMessage('testing.cases.suiteNotFound', {
  en: 'No such test suite in this project.',
  'zh-CN': '此项目中不存在该测试套件。',
});
