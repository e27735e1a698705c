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

export const noBaseAnalysis = /* @__PURE__ */ defineMessage('analysis.noBaseAnalysis', {
  en: 'This analysis has no base analysis to compare with (it is the first completed analysis of its base branch, or its base was analysed before new code was measured), so it has no new code.',
  'zh-CN':
    '该分析没有可比较的基准分析（它是其基准分支的第一个已完成分析，或其基准分析早于新代码度量功能），因此没有新代码。',
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

// Texts of the code-analysis service. Snapshot failures: the detail an analysis records when its
// archive or git ref is refused (shared/analysis/snapshots/). Paths and refs are the user's own
// values and are never translated.

export const snapshotUnsafePath = /* @__PURE__ */ defineMessage<{ path: string }>('analysis.snapshotUnsafePath', {
  en: 'The archive entry "{path}" is an absolute path or leaves the archive (".." segments, drive letters and backslashes are refused).',
  'zh-CN': '归档条目 "{path}" 是绝对路径或越出归档（拒绝 ".." 段、盘符和反斜杠）。',
});
export const snapshotLinkEscapes = /* @__PURE__ */ defineMessage<{ path: string; target: string }>(
  'analysis.snapshotLinkEscapes',
  {
    en: 'The link "{path}" points to "{target}", outside the snapshot.',
    'zh-CN': '链接 "{path}" 指向快照之外的 "{target}"。',
  },
);
export const snapshotTooManyEntries = /* @__PURE__ */ defineMessage<{ limit: number }>(
  'analysis.snapshotTooManyEntries',
  {
    en: 'The snapshot has more than {limit, number} entries.',
    'zh-CN': '快照的条目超过 {limit, number} 个。',
  },
);
export const snapshotTooLarge = /* @__PURE__ */ defineMessage<{ limit: number }>('analysis.snapshotTooLarge', {
  en: 'The snapshot holds more than {limit, number} bytes once uncompressed.',
  'zh-CN': '快照解压后超过 {limit, number} 字节。',
});
export const snapshotRatioExceeded = /* @__PURE__ */ defineMessage<{ limit: number }>(
  'analysis.snapshotRatioExceeded',
  {
    en: 'The archive inflates to more than {limit, number} times its compressed size, as a zip bomb does.',
    'zh-CN': '归档解压后超过压缩大小的 {limit, number} 倍，与压缩炸弹相同。',
  },
);
export const snapshotTruncated = /* @__PURE__ */ defineMessage('analysis.snapshotTruncated', {
  en: 'The archive ends before its last entry: it is incomplete (or not an archive of the format given).',
  'zh-CN': '归档在最后一个条目之前结束：它不完整（或不是所声明格式的归档）。',
});
export const snapshotCorrupt = /* @__PURE__ */ defineMessage('analysis.snapshotCorrupt', {
  en: 'The archive is corrupt: its data does not match its headers.',
  'zh-CN': '归档已损坏：其数据与头信息不符。',
});
export const snapshotUnsupportedEntry = /* @__PURE__ */ defineMessage<{ path: string }>(
  'analysis.snapshotUnsupportedEntry',
  {
    en: 'The archive entry "{path}" is encrypted or uses a compression method that is not supported.',
    'zh-CN': '归档条目 "{path}" 已加密或使用了不支持的压缩方法。',
  },
);
export const snapshotGitRefused = /* @__PURE__ */ defineMessage('analysis.snapshotGitRefused', {
  en: 'The repository URL is refused: it must use https and reach a public address.',
  'zh-CN': '仓库 URL 被拒绝：必须使用 https 且指向公共地址。',
});
export const snapshotGitRefNotFound = /* @__PURE__ */ defineMessage<{ ref: string }>(
  'analysis.snapshotGitRefNotFound',
  {
    en: 'The repository has no branch, tag or commit "{ref}".',
    'zh-CN': '仓库中没有分支、标签或提交 "{ref}"。',
  },
);
export const snapshotGitAuthFailed = /* @__PURE__ */ defineMessage('analysis.snapshotGitAuthFailed', {
  en: 'The repository refused the credentials: check the project’s repository token.',
  'zh-CN': '仓库拒绝了凭据：请检查项目的仓库令牌。',
});
export const snapshotGitFetchFailed = /* @__PURE__ */ defineMessage<{ reason: string }>(
  'analysis.snapshotGitFetchFailed',
  {
    en: 'Fetching the repository failed: {reason}',
    'zh-CN': '获取仓库失败：{reason}',
  },
);
