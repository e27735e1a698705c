import { defineMessage } from '#shared/i18n/catalogue';

// The auth texts a client can read, in every language.

export const unauthenticated = /* @__PURE__ */ defineMessage('auth.unauthenticated', {
  en: 'A valid bearer token is required.',
  'zh-CN': '需要有效的 bearer 令牌。',
});

export const projectNotFound = /* @__PURE__ */ defineMessage('auth.projectNotFound', {
  en: 'No such project, or you are not a member of it.',
  'zh-CN': '项目不存在，或你不是该项目的成员。',
});

export const insufficientRole = /* @__PURE__ */ defineMessage<{ required: string; role: string }>(
  'auth.insufficientRole',
  {
    en: 'This needs the {required} role or higher in the project; you are {role}.',
    'zh-CN': '此操作需要项目中 {required} 或更高的角色；你的角色是 {role}。',
  },
);
