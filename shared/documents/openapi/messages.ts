import { defineMessage } from '#shared/i18n/catalogue';

// The texts of the OpenAPI engine (validation problems) a client can read, in every language.

export const documentTooLarge = /* @__PURE__ */ defineMessage<{ max: number }>('documents.openapi.documentTooLarge', {
  en: 'The OpenAPI document is larger than {max, number} bytes.',
  'zh-CN': 'OpenAPI 文档大于 {max, number} 字节。',
});

export const syntaxError = /* @__PURE__ */ defineMessage<{ reason: string }>('documents.openapi.syntaxError', {
  en: 'The document is not valid YAML or JSON: {reason}',
  'zh-CN': '该文档不是有效的 YAML 或 JSON：{reason}',
});

export const notAnObject = /* @__PURE__ */ defineMessage('documents.openapi.notAnObject', {
  en: 'An OpenAPI document is an object with an `openapi` field.',
  'zh-CN': 'OpenAPI 文档是一个带有 `openapi` 字段的对象。',
});

export const swaggerRefused = /* @__PURE__ */ defineMessage('documents.openapi.swaggerRefused', {
  en: 'Swagger 2.0 documents are not accepted; convert the document to OpenAPI 3.0 or 3.1 first.',
  'zh-CN': '不接受 Swagger 2.0 文档；请先将其转换为 OpenAPI 3.0 或 3.1。',
});

export const unsupportedVersion = /* @__PURE__ */ defineMessage<{ version: string }>(
  'documents.openapi.unsupportedVersion',
  {
    en: 'OpenAPI version {version} is not supported; use 3.0.x or 3.1.x.',
    'zh-CN': '不支持 OpenAPI 版本 {version}；请使用 3.0.x 或 3.1.x。',
  },
);

export const externalReference = /* @__PURE__ */ defineMessage<{ ref: string }>('documents.openapi.externalReference', {
  en: 'The reference {ref} points outside the document; only references within it (starting with #) are resolved.',
  'zh-CN': '引用 {ref} 指向文档之外；只解析文档内部的引用（以 # 开头）。',
});

export const missingReference = /* @__PURE__ */ defineMessage<{ ref: string }>('documents.openapi.missingReference', {
  en: 'The reference {ref} points to nothing in the document.',
  'zh-CN': '引用 {ref} 在文档中没有指向任何内容。',
});

export const validatorProblem = /* @__PURE__ */ defineMessage<{ reason: string }>(
  'documents.openapi.validatorProblem',
  {
    en: 'The document breaks the OpenAPI specification: {reason}',
    'zh-CN': '该文档不符合 OpenAPI 规范：{reason}',
  },
);
