import { defineMessage } from '#shared/i18n/catalogue';

// The code-analysis texts a client can read, in every language.

// ---------------------------------------------------------------------------------------------
// The service: API answers and the failures the state machine records (an-service)

export const analysisNotFound = /* @__PURE__ */ defineMessage('analysis.analysisNotFound', {
  en: 'No such analysis in this project.',
  'zh-CN': '此项目中不存在该分析。',
});

export const fileNotFound = /* @__PURE__ */ defineMessage<{ path: string }>('analysis.fileNotFound', {
  en: 'The analysis has no analysed file {path}.',
  'zh-CN': '该分析中没有已分析的文件 {path}。',
});

export const analysisNotCompleted = /* @__PURE__ */ defineMessage<{ status: string }>('analysis.analysisNotCompleted', {
  en: 'The analysis is {status}; its results are served once it has completed.',
  'zh-CN': '该分析处于 {status} 状态；完成后才提供结果。',
});

export const stageNotRun = /* @__PURE__ */ defineMessage<{ stage: string }>('analysis.stageNotRun', {
  en: 'This analysis has no {stage} results: that stage did not run for it.',
  'zh-CN': '该分析没有 {stage} 结果：该阶段没有为它运行。',
});

export const repositoryNotSet = /* @__PURE__ */ defineMessage('analysis.repositoryNotSet', {
  en: 'The project has no repository URL: set repository.url on the project to analyse a git ref.',
  'zh-CN': '项目没有仓库 URL：请先在项目上设置 repository.url，才能分析 git 引用。',
});

export const analysisNotStarted = /* @__PURE__ */ defineMessage('analysis.analysisNotStarted', {
  en: 'The analysis could not be started.',
  'zh-CN': '无法启动该分析。',
});

export const archiveTooLarge = /* @__PURE__ */ defineMessage<{ size: number; max: number }>(
  'analysis.archiveTooLarge',
  {
    en: 'The archive has {size, number} bytes; at most {max, number} are analysed.',
    'zh-CN': '归档有 {size, number} 字节；最多分析 {max, number} 字节。',
  },
);

export const analysisBroke = /* @__PURE__ */ defineMessage<{ reason: string }>('analysis.analysisBroke', {
  en: 'The analysis stopped on an internal error: {reason}',
  'zh-CN': '分析因内部错误而停止：{reason}',
});

export const analysisEnded = /* @__PURE__ */ defineMessage<{ reason: string }>('analysis.analysisEnded', {
  en: 'The analysis ended before finishing: {reason}',
  'zh-CN': '分析在完成前结束：{reason}',
});

// ---------------------------------------------------------------------------------------------
