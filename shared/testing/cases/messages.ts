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
export const typeFixed = /* @__PURE__ */ defineMessage<{ type: string }>('testing.cases.typeFixed', {
  en: 'must be {type}: a test case does not change type',
  'zh-CN': '必须是 {type}：测试用例不能更改类型',
});
export const typeCannotChange = /* @__PURE__ */ defineMessage<{ type: string }>('testing.cases.typeCannotChange', {
  en: 'The test case is a {type} case; its type cannot change.',
  'zh-CN': '该测试用例的类型是 {type}；类型不能更改。',
});
export const caseTooLargeReason = /* @__PURE__ */ defineMessage<{ bytes: string; limit: string }>(
  'testing.cases.caseTooLargeReason',
  {
    en: 'the test case takes {bytes} bytes stored, over the limit of {limit}; make the spec smaller (fewer or shorter bodies, steps, assertions)',
    'zh-CN': '该测试用例存储后占 {bytes} 字节，超过 {limit} 字节的上限；请缩小 spec（更少或更短的 body、步骤、断言）',
  },
);
export const specTooLarge = /* @__PURE__ */ defineMessage<{ reason: string }>('testing.cases.specTooLarge', {
  en: 'The spec is too large: {reason}.',
  'zh-CN': 'spec 过大：{reason}。',
});
