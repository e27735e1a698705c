import { defineMessage } from '#shared/i18n/catalogue';

// The HTTP kit's own texts: problem titles per status and the details it writes itself.

export const titleBadRequest = /* @__PURE__ */ defineMessage('http.title.badRequest', {
  en: 'Bad request',
  'zh-CN': '请求无效',
});
export const titleValidationFailed = /* @__PURE__ */ defineMessage('http.title.validationFailed', {
  en: 'Validation failed',
  'zh-CN': '校验失败',
});
export const titleUnauthorized = /* @__PURE__ */ defineMessage('http.title.unauthorized', {
  en: 'Unauthorized',
  'zh-CN': '未认证',
});
export const titleForbidden = /* @__PURE__ */ defineMessage('http.title.forbidden', {
  en: 'Forbidden',
  'zh-CN': '禁止访问',
});
export const titleNotFound = /* @__PURE__ */ defineMessage('http.title.notFound', {
  en: 'Not found',
  'zh-CN': '未找到',
});
export const titleConflict = /* @__PURE__ */ defineMessage('http.title.conflict', {
  en: 'Conflict',
  'zh-CN': '冲突',
});
export const titlePreconditionFailed = /* @__PURE__ */ defineMessage('http.title.preconditionFailed', {
  en: 'Precondition failed',
  'zh-CN': '前提条件不满足',
});
export const titlePayloadTooLarge = /* @__PURE__ */ defineMessage('http.title.payloadTooLarge', {
  en: 'Payload too large',
  'zh-CN': '请求体过大',
});
export const titleUnsupportedMediaType = /* @__PURE__ */ defineMessage('http.title.unsupportedMediaType', {
  en: 'Unsupported media type',
  'zh-CN': '不支持的媒体类型',
});
export const titleInternalError = /* @__PURE__ */ defineMessage('http.title.internalError', {
  en: 'Internal server error',
  'zh-CN': '服务器内部错误',
});

export const validationFailedDetail = /* @__PURE__ */ defineMessage('http.validationFailed', {
  en: 'The request is not valid; see errors for each field.',
  'zh-CN': '请求无效；各字段的问题见 errors。',
});
export const internalErrorDetail = /* @__PURE__ */ defineMessage('http.internalError', {
  en: 'The request could not be completed; quote the requestId when reporting it.',
  'zh-CN': '请求未能完成；报告问题时请附上 requestId。',
});
export const unknownFields = /* @__PURE__ */ defineMessage<{ fields: string }>('http.unknownFields', {
  en: 'unknown field(s): {fields}',
  'zh-CN': '未知字段：{fields}',
});
