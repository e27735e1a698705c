import { defineMessage } from '#shared/i18n/catalogue';

// The texts of document reviews and comments (issue 11): why a move, an approval or a comment is refused.

export const illegalTransition = /* @__PURE__ */ defineMessage<{ from: string; to: string }>(
  'documents.reviews.illegalTransition',
  {
    en: 'A document cannot move from {from} to {to}.',
    'zh-CN': '文档不能从 {from} 变为 {to}。',
  },
);
export const staleVersion = /* @__PURE__ */ defineMessage<{ version: number; currentVersion: number }>(
  'documents.reviews.staleVersion',
  {
    en: 'Version {version} is not the latest: the document is at version {currentVersion}.',
    'zh-CN': '版本 {version} 不是最新版本：文档当前为版本 {currentVersion}。',
  },
);
export const notInReview = /* @__PURE__ */ defineMessage<{ status: string }>('documents.reviews.notInReview', {
  en: 'The document is not in review: it is {status}.',
  'zh-CN': '文档不在评审中：当前状态为 {status}。',
});
export const selfApproval = /* @__PURE__ */ defineMessage<{ version: number }>('documents.reviews.selfApproval', {
  en: 'The author of version {version} cannot approve it.',
  'zh-CN': '版本 {version} 的作者不能批准它。',
});
export const alreadyDecided = /* @__PURE__ */ defineMessage<{ version: number }>('documents.reviews.alreadyDecided', {
  en: 'You already decided on version {version} in this review round.',
  'zh-CN': '你已在本轮评审中对版本 {version} 做出过决定。',
});
export const reviewerNotMember = /* @__PURE__ */ defineMessage<{ userId: string }>(
  'documents.reviews.reviewerNotMember',
  {
    en: '{userId} is not a member of the project',
    'zh-CN': '{userId} 不是项目成员',
  },
);
export const reviewerRole = /* @__PURE__ */ defineMessage<{ userId: string; role: string; required: string }>(
  'documents.reviews.reviewerRole',
  {
    en: '{userId} is a {role} and cannot review (at least {required})',
    'zh-CN': '{userId} 的角色是 {role}，不能评审（至少需要 {required}）',
  },
);
export const reviewerIsAuthor = /* @__PURE__ */ defineMessage<{ userId: string; version: number }>(
  'documents.reviews.reviewerIsAuthor',
  {
    en: '{userId} wrote version {version} and cannot review it',
    'zh-CN': '{userId} 是版本 {version} 的作者，不能评审它',
  },
);
export const reviewersInvalid = /* @__PURE__ */ defineMessage('documents.reviews.reviewersInvalid', {
  en: 'Some reviewers cannot review this document.',
  'zh-CN': '部分评审人不能评审此文档。',
});
export const commentNotFound = /* @__PURE__ */ defineMessage('documents.reviews.commentNotFound', {
  en: 'No such comment on this document.',
  'zh-CN': '此文档上没有该评论。',
});
export const parentNotFound = /* @__PURE__ */ defineMessage('documents.reviews.parentNotFound', {
  en: 'no such comment on this document',
  'zh-CN': '此文档上没有该评论',
});
export const replyVersion = /* @__PURE__ */ defineMessage<{ version: number }>('documents.reviews.replyVersion', {
  en: 'a reply is on its thread’s version, {version}',
  'zh-CN': '回复必须针对其讨论串所在的版本 {version}',
});
export const headingNotFound = /* @__PURE__ */ defineMessage<{ heading: string; version: number }>(
  'documents.reviews.headingNotFound',
  {
    en: 'version {version} has no heading "{heading}"',
    'zh-CN': '版本 {version} 中没有标题“{heading}”',
  },
);
export const linesOutside = /* @__PURE__ */ defineMessage<{ version: number; lineCount: number }>(
  'documents.reviews.linesOutside',
  {
    en: 'the lines must be within version {version}, which has {lineCount, plural, one {# line} other {# lines}}',
    'zh-CN': '行号必须在版本 {version} 的范围内（共 {lineCount, number} 行）',
  },
);
export const anchorInvalid = /* @__PURE__ */ defineMessage('documents.reviews.anchorInvalid', {
  en: 'The comment’s anchor is not in that version of the document.',
  'zh-CN': '评论的锚点不在该文档版本中。',
});
export const lineRange = /* @__PURE__ */ defineMessage('documents.reviews.lineRange', {
  en: 'endLine must not be before startLine',
  'zh-CN': 'endLine 不能小于 startLine',
});
export const reviewersUnique = /* @__PURE__ */ defineMessage('documents.reviews.reviewersUnique', {
  en: 'each reviewer may be named once',
  'zh-CN': '每位评审人只能列出一次',
});
export const tooFewApprovers = /* @__PURE__ */ defineMessage<{ eligible: number; version: number }>(
  'documents.reviews.tooFewApprovers',
  {
    en: 'only {eligible, plural, =0 {no member} one {# member} other {# members}} may approve version {version}',
    'zh-CN': '只有 {eligible, number} 名成员可以批准版本 {version}',
  },
);
