import { defineMessage } from '#shared/i18n/catalogue';

// The API Gateway's own answers, as the local gateway gives them (scripts/local/gateway): a
// request it refuses before any handler runs, or a handler's answer it cannot pass on.

export const titleServiceUnavailable = /* @__PURE__ */ defineMessage('api.title.serviceUnavailable', {
  en: 'Service unavailable',
  'zh-CN': '服务不可用',
});
export const bodyTooLarge = /* @__PURE__ */ defineMessage<{ megabytes: number }>('api.bodyTooLarge', {
  en: "The request body exceeds API Gateway's limit of {megabytes} MB.",
  'zh-CN': '请求体超过了 API Gateway 的 {megabytes} MB 上限。',
});
export const eventTooLarge = /* @__PURE__ */ defineMessage<{ megabytes: number }>('api.eventTooLarge', {
  en: "The request, encoded for Lambda, exceeds Lambda's {megabytes} MB payload limit.",
  'zh-CN': '请求编码为 Lambda 事件后超过了 Lambda 的 {megabytes} MB 负载上限。',
});
export const routeNotFound = /* @__PURE__ */ defineMessage<{ method: string; path: string }>('api.routeNotFound', {
  en: 'No route matches {method} {path}; GET /v1/openapi.json lists every route.',
  'zh-CN': '没有与 {method} {path} 匹配的路由；GET /v1/openapi.json 列出了所有路由。',
});
export const handlerTimedOut = /* @__PURE__ */ defineMessage<{ seconds: number }>('api.handlerTimedOut', {
  en: 'The handler did not answer within {seconds} s.',
  'zh-CN': '处理函数未在 {seconds} 秒内响应。',
});
export const tokenMissing = /* @__PURE__ */ defineMessage('api.tokenMissing', {
  en: 'No bearer token: send "authorization: Bearer \'<\'accessToken>" with the accessToken from POST /v1/auth/login.',
  'zh-CN':
    '缺少 bearer 令牌：请发送 "authorization: Bearer \'<\'accessToken>"，其中 accessToken 来自 POST /v1/auth/login。',
});
export const tokenOtherClient = /* @__PURE__ */ defineMessage('api.tokenOtherClient', {
  en: 'The token was issued to another app client of the user pool.',
  'zh-CN': '该令牌签发给了用户池的另一个应用客户端。',
});
export const tokenWithoutExpiry = /* @__PURE__ */ defineMessage('api.tokenWithoutExpiry', {
  en: 'The token has no expiry (exp).',
  'zh-CN': '该令牌没有过期时间（exp）。',
});
export const tokenExpired = /* @__PURE__ */ defineMessage('api.tokenExpired', {
  en: 'The token has expired: refresh it (POST /v1/auth/refresh) or log in again.',
  'zh-CN': '令牌已过期：请刷新令牌（POST /v1/auth/refresh）或重新登录。',
});
export const tokenOtherIssuer = /* @__PURE__ */ defineMessage<{ issuedBy: string; issuer: string }>(
  'api.tokenOtherIssuer',
  {
    en: "The token was issued by {issuedBy}, not by this stack's user pool ({issuer}).",
    'zh-CN': '该令牌由 {issuedBy} 签发，而不是本栈的用户池（{issuer}）。',
  },
);
export const tokenClaimInvalid = /* @__PURE__ */ defineMessage<{ claim: string }>('api.tokenClaimInvalid', {
  en: 'The token\'\'s "{claim}" claim is not valid.',
  'zh-CN': '令牌的 "{claim}" 声明无效。',
});
export const tokenSignature = /* @__PURE__ */ defineMessage('api.tokenSignature', {
  en: "The token's signature does not verify with the user pool's keys.",
  'zh-CN': '令牌的签名无法用用户池的密钥验证。',
});
export const tokenAlgorithm = /* @__PURE__ */ defineMessage('api.tokenAlgorithm', {
  en: 'The token is not signed with RS256.',
  'zh-CN': '令牌不是用 RS256 签名的。',
});
export const tokenMalformed = /* @__PURE__ */ defineMessage('api.tokenMalformed', {
  en: 'The token is not a well-formed JWT.',
  'zh-CN': '令牌不是格式正确的 JWT。',
});
