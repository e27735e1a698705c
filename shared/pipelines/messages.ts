import { defineMessage } from '#shared/i18n/catalogue';

// The pipelines texts a client can read, in every language.

export const concurrentModification = /* @__PURE__ */ defineMessage('pipelines.concurrentModification', {
  en: 'The pipeline was changed at the same time; try again.',
  'zh-CN': '该流水线同时被修改；请重试。',
});

export const pipelineNotFound = /* @__PURE__ */ defineMessage('pipelines.pipelineNotFound', {
  en: 'No such pipeline in this project.',
  'zh-CN': '此项目中不存在该流水线。',
});
