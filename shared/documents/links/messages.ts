import { defineMessage, type LocalizedText } from '#shared/i18n/catalogue';

// The texts of document links and traceability a client can read, in every language.

export const linkTargetRefused = /* @__PURE__ */ defineMessage<{ type: string; targetType: string; allowed: string }>(
  'documents.links.targetRefused',
  {
    en: 'A {type} link cannot point to a {targetType}; it points to: {allowed}.',
    'zh-CN': '{type} 链接不能指向 {targetType}；它可以指向：{allowed}。',
  },
);

export const targetNotFound = /* @__PURE__ */ defineMessage<{ targetType: string; targetId: string }>(
  'documents.links.targetNotFound',
  {
    en: 'There is no {targetType} {targetId} in this project.',
    'zh-CN': '此项目中没有 {targetType} {targetId}。',
  },
);

export const selfLink = /* @__PURE__ */ defineMessage('documents.links.selfLink', {
  en: 'A document cannot link to itself.',
  'zh-CN': '文档不能链接到自身。',
});

export const criterionNeedsVerifies = /* @__PURE__ */ defineMessage('documents.links.criterionNeedsVerifies', {
  en: 'Only a verifies link to a test case names an acceptance criterion.',
  'zh-CN': '只有指向测试用例的 verifies 链接才能指定验收标准。',
});

export const criterionNeedsRequirement = /* @__PURE__ */ defineMessage<{ type: string }>(
  'documents.links.criterionNeedsRequirement',
  {
    en: 'Acceptance criteria belong to requirement documents; this one is of type {type}.',
    'zh-CN': '验收标准属于需求文档；此文档的类型为 {type}。',
  },
);

export const criterionNotFound = /* @__PURE__ */ defineMessage<{
  criterionId: string;
  version: number;
  known: string | LocalizedText;
}>('documents.links.criterionNotFound', {
  en: 'Version {version} of the document has no acceptance criterion {criterionId} (it has: {known}).',
  'zh-CN': '该文档第 {version} 版没有验收标准 {criterionId}（现有：{known}）。',
});

export const noCriteria = /* @__PURE__ */ defineMessage('documents.links.noCriteria', {
  en: 'none',
  'zh-CN': '无',
});

export const linkExists = /* @__PURE__ */ defineMessage<{ linkId: string }>('documents.links.exists', {
  en: 'The document already has this link ({linkId}).',
  'zh-CN': '该文档已有此链接（{linkId}）。',
});

export const linkNotFound = /* @__PURE__ */ defineMessage('documents.links.notFound', {
  en: 'The document has no such link.',
  'zh-CN': '该文档没有此链接。',
});

export const tooManyLinks = /* @__PURE__ */ defineMessage<{ max: number }>('documents.links.tooMany', {
  en: 'A document has at most {max, number} links; remove one first.',
  'zh-CN': '一个文档最多有 {max, number} 个链接；请先删除一个。',
});
