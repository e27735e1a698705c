import { defineMessage } from '#shared/i18n/catalogue';

// The projects texts a client can read, in every language.

export const versionMismatch = /* @__PURE__ */ defineMessage('projects.versionMismatch', {
  en: 'The project changed since that version; fetch it again.',
  'zh-CN': '该项目在此版本之后已被修改；请重新获取。',
});

export const concurrentModification = /* @__PURE__ */ defineMessage('projects.concurrentModification', {
  en: 'The project was changed at the same time; try again.',
  'zh-CN': '该项目同时被修改；请重试。',
});

export const memberNotFound = /* @__PURE__ */ defineMessage('projects.memberNotFound', {
  en: 'That user is not a member of the project.',
  'zh-CN': '该用户不是此项目的成员。',
});

export const lastOwner = /* @__PURE__ */ defineMessage('projects.lastOwner', {
  en: 'A project must keep at least one owner; make someone else owner first.',
  'zh-CN': '项目必须至少保留一名 owner；请先让其他人成为 owner。',
});

export const membershipChanged = /* @__PURE__ */ defineMessage('projects.membershipChanged', {
  en: 'The membership changed at the same time; try again.',
  'zh-CN': '成员关系同时被修改；请重试。',
});

export const invitationNotFoundForYou = /* @__PURE__ */ defineMessage('projects.invitationNotFoundForYou', {
  en: 'No pending invitation with this id for you; it may have expired.',
  'zh-CN': '没有发给你的此 id 的待处理邀请；它可能已过期。',
});

export const alreadyMember = /* @__PURE__ */ defineMessage('projects.alreadyMember', {
  en: 'That person is already a member; change their role instead.',
  'zh-CN': '此人已是成员；请改为修改其角色。',
});

export const invitationPending = /* @__PURE__ */ defineMessage('projects.invitationPending', {
  en: 'That email already has a pending invitation to this project.',
  'zh-CN': '该邮箱已有一个加入此项目的待处理邀请。',
});

export const invitationNotFound = /* @__PURE__ */ defineMessage('projects.invitationNotFound', {
  en: 'No pending invitation with this id in the project.',
  'zh-CN': '此项目中没有此 id 的待处理邀请。',
});

export const youAreMember = /* @__PURE__ */ defineMessage('projects.youAreMember', {
  en: 'You are already a member of this project.',
  'zh-CN': '你已是此项目的成员。',
});

export const notMemberInvite = /* @__PURE__ */ defineMessage<{ projectId: string }>('projects.notMemberInvite', {
  en: 'That user is not a member of the project; invite them with POST /v1/projects/{projectId}/invitations.',
  'zh-CN': '该用户不是此项目的成员；请通过 POST /v1/projects/{projectId}/invitations 邀请其加入。',
});
export const projectKeyTaken = /* @__PURE__ */ defineMessage<{ key: string }>('projects.keyTaken', {
  en: 'The project key {key} is already in use.',
  'zh-CN': '项目 key {key} 已被占用。',
});
export const ownerRequiredToChangeOwner = /* @__PURE__ */ defineMessage('projects.ownerRequiredToChangeOwner', {
  en: 'Only an owner can grant the owner role or change an owner.',
  'zh-CN': '只有 owner 才能授予 owner 角色或变更 owner。',
});
export const ownerRequiredToRemoveOwner = /* @__PURE__ */ defineMessage('projects.ownerRequiredToRemoveOwner', {
  en: 'Only an owner can remove an owner.',
  'zh-CN': '只有 owner 才能移除 owner。',
});
export const ownerRequiredToInviteOwner = /* @__PURE__ */ defineMessage('projects.ownerRequiredToInviteOwner', {
  en: 'Only an owner can invite an owner.',
  'zh-CN': '只有 owner 才能邀请 owner。',
});

export const repositoryUrlHttps = /* @__PURE__ */ defineMessage('projects.repositoryUrlHttps', {
  en: 'The repository is fetched over https only.',
  'zh-CN': '仓库只能通过 https 获取。',
});
