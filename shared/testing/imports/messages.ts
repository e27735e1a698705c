import { defineMessage } from '#shared/i18n/catalogue';

// The testing/imports texts a client can read, in every language.

export const titleInvalidJunit = /* @__PURE__ */ defineMessage('testing.imports.titleInvalidJunit', {
  en: 'Invalid JUnit report',
  'zh-CN': '无效的 JUnit 报告',
});

export const importNotFound = /* @__PURE__ */ defineMessage('testing.imports.importNotFound', {
  en: 'No such import in this project.',
  'zh-CN': '此项目中不存在该导入。',
});
export const junitParseDetail = /* @__PURE__ */ defineMessage<{ line: string; column: string; reason: string }>(
  'testing.imports.junitParseDetail',
  { en: 'Line {line}, column {column}: {reason}', 'zh-CN': '第 {line} 行，第 {column} 列：{reason}' },
);
export const reportBodyTooLarge = /* @__PURE__ */ defineMessage<{ maxBytes: string }>(
  'testing.imports.reportBodyTooLarge',
  {
    en: 'A report in the request body may have at most {maxBytes} bytes; upload larger ones through POST .../test-runs/imports/uploads.',
    'zh-CN': '请求体中的报告最多 {maxBytes} 字节；更大的报告请通过 POST .../test-runs/imports/uploads 上传。',
  },
);
