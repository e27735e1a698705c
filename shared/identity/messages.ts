import { defineMessage } from '#shared/i18n/catalogue';

// The identity service's texts: the password policy's rules and Cognito's refusals.

export const passwordTooShort = /* @__PURE__ */ defineMessage<{ minLength: number }>('identity.passwordTooShort', {
  en: 'password must be at least {minLength} characters long (rule: minLength)',
  'zh-CN': '密码长度至少为 {minLength} 个字符（规则：minLength）',
});
export const passwordNeedsLowercase = /* @__PURE__ */ defineMessage('identity.passwordNeedsLowercase', {
  en: 'password must contain a lowercase letter (rule: requireLowercase)',
  'zh-CN': '密码必须包含小写字母（规则：requireLowercase）',
});
export const passwordNeedsUppercase = /* @__PURE__ */ defineMessage('identity.passwordNeedsUppercase', {
  en: 'password must contain an uppercase letter (rule: requireUppercase)',
  'zh-CN': '密码必须包含大写字母（规则：requireUppercase）',
});
export const passwordNeedsDigit = /* @__PURE__ */ defineMessage('identity.passwordNeedsDigit', {
  en: 'password must contain a digit (rule: requireDigits)',
  'zh-CN': '密码必须包含数字（规则：requireDigits）',
});
export const passwordNeedsSymbol = /* @__PURE__ */ defineMessage('identity.passwordNeedsSymbol', {
  en: 'password must contain a symbol (rule: requireSymbols)',
  'zh-CN': '密码必须包含符号（规则：requireSymbols）',
});
export const challengeRequired = /* @__PURE__ */ defineMessage('identity.challengeRequired', {
  en: 'The account cannot sign in with a password right now.',
  'zh-CN': '此账号目前无法使用密码登录。',
});
export const emailTaken = /* @__PURE__ */ defineMessage('identity.emailTaken', {
  en: 'An account with this email already exists.',
  'zh-CN': '该邮箱已被注册。',
});
export const passwordTooWeak = /* @__PURE__ */ defineMessage('identity.passwordTooWeak', {
  en: 'The password is too weak.',
  'zh-CN': '密码强度不够。',
});
export const wrongCredentials = /* @__PURE__ */ defineMessage('identity.wrongCredentials', {
  en: 'Email or password is wrong.',
  'zh-CN': '邮箱或密码错误。',
});
export const invalidRefreshToken = /* @__PURE__ */ defineMessage('identity.invalidRefreshToken', {
  en: 'The refresh token is not valid.',
  'zh-CN': '刷新令牌无效。',
});
export const notARefreshToken = /* @__PURE__ */ defineMessage('identity.notARefreshToken', {
  en: 'This is not a refresh token.',
  'zh-CN': '这不是刷新令牌。',
});
export const sendRefreshToken = /* @__PURE__ */ defineMessage('identity.sendRefreshToken', {
  en: 'Send the refresh token from /v1/auth/login.',
  'zh-CN': '请发送 /v1/auth/login 返回的刷新令牌。',
});
export const userNotConfirmed = /* @__PURE__ */ defineMessage('identity.userNotConfirmed', {
  en: 'The account is not confirmed.',
  'zh-CN': '此账号尚未确认。',
});
export const titleTooManyRequests = /* @__PURE__ */ defineMessage('identity.title.tooManyRequests', {
  en: 'Too many requests',
  'zh-CN': '请求过多',
});
export const slowDown = /* @__PURE__ */ defineMessage('identity.slowDown', {
  en: 'Slow down and try again shortly.',
  'zh-CN': '请放慢速度，稍后重试。',
});

export const invalidCredentials = /* @__PURE__ */ defineMessage('identity.invalidCredentials', {
  en: 'Email or password is wrong.',
  'zh-CN': '邮箱或密码错误。',
});
