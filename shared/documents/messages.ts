import { defineMessage, type LocalizedText } from '#shared/i18n/catalogue';

// The documents core's texts a client can read (documents, versions, bodies), in every language.

export const documentNotFound = /* @__PURE__ */ defineMessage('documents.documentNotFound', {
  en: 'No such document in this project.',
  'zh-CN': '此项目中不存在该文档。',
});

export const versionNotFound = /* @__PURE__ */ defineMessage<{ version: number }>('documents.versionNotFound', {
  en: 'The document has no version {version}.',
  'zh-CN': '该文档没有版本 {version}。',
});

export const ifMatchRequired = /* @__PURE__ */ defineMessage('documents.ifMatchRequired', {
  en: 'Send the version you edited in If-Match (the ETag of the document you read), so that no edit is lost silently.',
  'zh-CN': '请在 If-Match 中发送所编辑的版本（读取文档时的 ETag），以免任何修改被悄悄覆盖。',
});

export const versionMismatch = /* @__PURE__ */ defineMessage<{ current: number }>('documents.versionMismatch', {
  en: 'The document was changed meanwhile: its current version is {current}. Read it again and reapply your edit.',
  'zh-CN': '该文档已被修改：当前版本为 {current}。请重新读取后再应用你的修改。',
});

export const documentObsolete = /* @__PURE__ */ defineMessage('documents.documentObsolete', {
  en: 'The document is obsolete and takes no new versions.',
  'zh-CN': '该文档已废弃，不再接受新版本。',
});

export const bodyTooLarge = /* @__PURE__ */ defineMessage<{ bytes: number; max: number }>('documents.bodyTooLarge', {
  en: 'The body is {bytes, number} bytes of UTF-8; a document holds at most {max, number}.',
  'zh-CN': '正文为 {bytes, number} 字节（UTF-8）；文档最多 {max, number} 字节。',
});

export const bodyTooLargeField = /* @__PURE__ */ defineMessage<{ max: number }>('documents.bodyTooLargeField', {
  en: 'must be at most {max, number} bytes of UTF-8',
  'zh-CN': '最多 {max, number} 字节（UTF-8）',
});

export const openApiInvalid = /* @__PURE__ */ defineMessage<{ count: number }>('documents.openApiInvalid', {
  en: 'The body is not a valid OpenAPI 3.0 or 3.1 document ({count, plural, one {# problem} other {# problems}}); nothing was saved.',
  'zh-CN': '正文不是有效的 OpenAPI 3.0 或 3.1 文档（{count, number} 个问题）；未保存任何内容。',
});

export const openApiProblemAt = /* @__PURE__ */ defineMessage<{ pointer: string; line: number; reason: LocalizedText }>(
  'documents.openApiProblemAt',
  {
    en: 'at {pointer} (line {line}): {reason}',
    'zh-CN': '位于 {pointer}（第 {line} 行）：{reason}',
  },
);

export const storedOpenApiUnreadable = /* @__PURE__ */ defineMessage<{ version: number }>(
  'documents.storedOpenApiUnreadable',
  {
    en: 'Version {version} is not a valid OpenAPI document, so no structural diff can be made with it.',
    'zh-CN': '版本 {version} 不是有效的 OpenAPI 文档，无法据此进行结构比较。',
  },
);
