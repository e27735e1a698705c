import { defineMessage } from '#shared/i18n/catalogue';

// The users service's texts: refusals of profile reads and account deletion.

export const adminRequired = /* @__PURE__ */ defineMessage('users.adminRequiredToDelete', {
  en: 'Only platform admins can delete users.',
  'zh-CN': '只有平台管理员可以删除用户。',
});
export const userNotFound = /* @__PURE__ */ defineMessage('users.notFound', {
  en: 'No such user.',
  'zh-CN': '用户不存在。',
});
export const noProfile = /* @__PURE__ */ defineMessage('users.profileNotFound', {
  en: 'No profile exists for this account.',
  'zh-CN': '此账号没有个人资料。',
});
export const membershipChanged = /* @__PURE__ */ defineMessage('users.membershipChangedMeanwhile', {
  en: 'A membership changed at the same time; try again.',
  'zh-CN': '有成员关系同时发生了变化；请重试。',
});
export const lastOwner = /* @__PURE__ */ defineMessage<{ projects: string }>('users.lastOwner', {
  en: 'The user is the last owner of {projects}; make someone else owner of each first.',
  'zh-CN': '该用户是 {projects} 的最后一位 owner；请先为每个项目指定其他 owner。',
});
export const emailTaken = /* @__PURE__ */ defineMessage('users.emailTaken', {
  en: 'An account with this email already exists.',
  'zh-CN': '该邮箱已被注册。',
});
export const passwordPolicy = /* @__PURE__ */ defineMessage<{ violations: string }>('users.passwordPolicy', {
  en: 'The password does not meet the policy: {violations}.',
  'zh-CN': '密码不符合策略：{violations}。',
});
