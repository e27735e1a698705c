import { defineMessage } from '#shared/i18n/catalogue';

// The texts of document attachments a client can read.

export const attachmentNotFound = /* @__PURE__ */ defineMessage('documents.attachments.attachmentNotFound', {
  en: 'The document has no such attachment.',
  'zh-CN': '该文档没有此附件。',
});

export const attachmentNotUploaded = /* @__PURE__ */ defineMessage('documents.attachments.attachmentNotUploaded', {
  en: 'The attachment has not been uploaded yet; PUT it to the upload link first.',
  'zh-CN': '附件尚未上传；请先通过上传链接 PUT 文件。',
});

export const tooManyAttachments = /* @__PURE__ */ defineMessage<{ max: number }>(
  'documents.attachments.tooManyAttachments',
  {
    en: 'A document holds at most {max, number} attachments; delete one first.',
    'zh-CN': '一个文档最多有 {max, number} 个附件；请先删除一个。',
  },
);
