import { defineMessage, type LocalizedText } from '#shared/i18n/catalogue';

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
export const titlePreconditionRequired = /* @__PURE__ */ defineMessage('http.title.preconditionRequired', {
  en: 'Precondition required',
  'zh-CN': '需要前提条件',
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
export const clientError = /* @__PURE__ */ defineMessage<{ reason: string }>('http.clientError', {
  en: '{reason}',
  'zh-CN': '请求无效：{reason}',
});
export const bodyNotJson = /* @__PURE__ */ defineMessage('http.bodyNotJson', {
  en: 'The request body must be JSON, sent with Content-Type: application/json.',
  'zh-CN': '请求体必须是 JSON，并以 Content-Type: application/json 发送。',
});
export const bodyNotXml = /* @__PURE__ */ defineMessage('http.bodyNotXml', {
  en: 'The request body must be an XML document, sent with Content-Type: application/xml (or text/xml).',
  'zh-CN': '请求体必须是 XML 文档，并以 Content-Type: application/xml（或 text/xml）发送。',
});
export const bodyNotText = /* @__PURE__ */ defineMessage('http.bodyNotText', {
  en: 'The request body must be a text document, sent with Content-Type: text/plain, application/xml or another text type.',
  'zh-CN': '请求体必须是文本文档，并以 Content-Type: text/plain、application/xml 或其他文本类型发送。',
});
export const titleMalformedJson = /* @__PURE__ */ defineMessage('http.title.malformedJson', {
  en: 'Malformed JSON',
  'zh-CN': 'JSON 格式错误',
});
export const malformedJson = /* @__PURE__ */ defineMessage<{ reason: string }>('http.malformedJson', {
  en: 'The request body is not valid JSON: {reason}',
  'zh-CN': '请求体不是有效的 JSON：{reason}',
});
export const malformedJsonField = /* @__PURE__ */ defineMessage<{ reason: string }>('http.malformedJsonField', {
  en: 'not valid JSON: {reason}',
  'zh-CN': '不是有效的 JSON：{reason}',
});
export const bodyRequired = /* @__PURE__ */ defineMessage('http.bodyRequired', {
  en: 'required',
  'zh-CN': '必填',
});

export const idempotencyKeyReused = /* @__PURE__ */ defineMessage('http.idempotencyKeyReused', {
  en: 'This Idempotency-Key was used for a different request.',
  'zh-CN': '此 Idempotency-Key 已用于另一个不同的请求。',
});

// Why a user's URL is refused (save time: a 400 naming the field; call time: the outbound error).
export const urlNotAbsolute = /* @__PURE__ */ defineMessage('http.url.notAbsolute', {
  en: 'must be an absolute URL',
  'zh-CN': '必须是绝对 URL',
});
export const urlScheme = /* @__PURE__ */ defineMessage('http.url.scheme', {
  en: 'must use http or https',
  'zh-CN': '必须使用 http 或 https',
});
export const urlCredentials = /* @__PURE__ */ defineMessage('http.url.credentials', {
  en: 'must not contain a user name or password',
  'zh-CN': '不得包含用户名或密码',
});
export const urlHost = /* @__PURE__ */ defineMessage('http.url.host', {
  en: 'must have a host',
  'zh-CN': '必须包含主机',
});
export const urlPrivateAddress = /* @__PURE__ */ defineMessage('http.url.privateAddress', {
  en: 'must not point to a private or reserved address',
  'zh-CN': '不得指向私有或保留地址',
});
export const urlRefused = /* @__PURE__ */ defineMessage<{ reason: string }>('http.url.refused', {
  en: 'URL {reason}',
  'zh-CN': 'URL {reason}',
});
export const idempotencyKeyFormat = /* @__PURE__ */ defineMessage('http.idempotencyKeyFormat', {
  en: 'must be 1-128 letters, digits or . _ : -',
  'zh-CN': '必须是 1-128 个字母、数字或 . _ : -',
});

// Why an outbound request to a user's URL did not get an answer: stored with a case's result and
// worded when read. {host} is the host the user gave; {code} a Node error code (e.g. ECONNREFUSED).
export const outboundTooManyRedirects = /* @__PURE__ */ defineMessage<{ host: string; redirects: number }>(
  'http.outbound.tooManyRedirects',
  {
    en: '{host} redirected more than {redirects, number} times.',
    'zh-CN': '{host} 重定向超过 {redirects, number} 次。',
  },
);
export const outboundUrlRefused = /* @__PURE__ */ defineMessage<{ reason: LocalizedText }>('http.outbound.urlRefused', {
  en: 'The URL {reason}.',
  'zh-CN': '该 URL {reason}。',
});
export const outboundInvalidRedirect = /* @__PURE__ */ defineMessage<{ host: string }>(
  'http.outbound.invalidRedirect',
  { en: '{host} redirected to an invalid URL.', 'zh-CN': '{host} 重定向到无效的 URL。' },
);
export const outboundCrossOriginRedirect = /* @__PURE__ */ defineMessage<{ host: string }>(
  'http.outbound.crossOriginRedirect',
  {
    en: '{host} redirected to another origin; only redirects to the same scheme, host and port are followed.',
    'zh-CN': '{host} 重定向到了其他源；只跟随协议、主机和端口都相同的重定向。',
  },
);
export const outboundPrivateAddress = /* @__PURE__ */ defineMessage<{ host: string }>('http.outbound.privateAddress', {
  en: 'The host {host} resolves to a private or reserved address.',
  'zh-CN': '主机 {host} 解析到私有或保留地址。',
});
export const outboundResponseTooLarge = /* @__PURE__ */ defineMessage<{ host: string; max: number }>(
  'http.outbound.responseTooLarge',
  {
    en: 'The response from {host} exceeds {max, number} bytes.',
    'zh-CN': '来自 {host} 的响应超过 {max, number} 字节。',
  },
);
export const outboundTimedOut = /* @__PURE__ */ defineMessage<{ host: string; ms: number }>('http.outbound.timedOut', {
  en: 'The request to {host} did not complete within {ms, number} ms.',
  'zh-CN': '对 {host} 的请求没有在 {ms, number} 毫秒内完成。',
});
export const outboundCancelled = /* @__PURE__ */ defineMessage<{ host: string }>('http.outbound.cancelled', {
  en: 'The request to {host} was cancelled before it completed.',
  'zh-CN': '对 {host} 的请求在完成前被取消。',
});
export const outboundFailed = /* @__PURE__ */ defineMessage<{ host: string }>('http.outbound.failed', {
  en: 'The request to {host} failed.',
  'zh-CN': '对 {host} 的请求失败。',
});
export const outboundFailedWithCode = /* @__PURE__ */ defineMessage<{ host: string; code: string }>(
  'http.outbound.failedWithCode',
  { en: 'The request to {host} failed ({code}).', 'zh-CN': '对 {host} 的请求失败（{code}）。' },
);
export const outboundUnresolved = /* @__PURE__ */ defineMessage<{ host: string }>('http.outbound.unresolved', {
  en: 'The host {host} could not be resolved.',
  'zh-CN': '无法解析主机 {host}。',
});
