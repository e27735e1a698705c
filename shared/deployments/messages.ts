import { defineMessage, type LocalizedText } from '#shared/i18n/catalogue';

// The deployments service's texts: refusals of deploy, cancel, approve and callback requests.

export const refNotAllowed = /* @__PURE__ */ defineMessage<{ ref: string; environment: string; allowedRefs: string }>(
  'deployments.refNotAllowed',
  {
    en: 'The ref {ref} may not deploy to {environment}; allowed refs: {allowedRefs}.',
    'zh-CN': 'ref {ref} 不允许部署到 {environment}；允许的 ref：{allowedRefs}。',
  },
);
export const refMissingNotAllowed = /* @__PURE__ */ defineMessage<{ environment: string; allowedRefs: string }>(
  'deployments.refMissingNotAllowed',
  {
    en: 'A deployment without a ref may not deploy to {environment}; allowed refs: {allowedRefs}.',
    'zh-CN': '没有 ref 的部署不允许部署到 {environment}；允许的 ref：{allowedRefs}。',
  },
);
export const deploymentFinished = /* @__PURE__ */ defineMessage<{ status: string }>('deployments.finished', {
  en: 'The deployment already ended ({status}).',
  'zh-CN': '该部署已经结束（{status}）。',
});
export const notWaitingForApproval = /* @__PURE__ */ defineMessage('deployments.notWaitingForApproval', {
  en: 'The deployment is not waiting for an approval.',
  'zh-CN': '该部署当前不在等待审批。',
});
export const alreadyDecided = /* @__PURE__ */ defineMessage('deployments.alreadyDecided', {
  en: 'You already decided on this stage.',
  'zh-CN': '你已经对此阶段做出过决定。',
});
export const callbackNotFound = /* @__PURE__ */ defineMessage('deployments.callbackNotFound', {
  en: 'No such callback.',
  'zh-CN': '回调不存在。',
});
export const callbackRefused = /* @__PURE__ */ defineMessage<{ reason: string }>('deployments.callbackRefused', {
  en: 'The callback is refused: {reason}.',
  'zh-CN': '回调被拒绝：{reason}。',
});
export const callbackNoSecret = /* @__PURE__ */ defineMessage('deployments.callbackNoSecret', {
  en: 'The callback is refused: the stage has no secret to verify callbacks with.',
  'zh-CN': '回调被拒绝：该阶段没有可用于校验回调的密钥。',
});
export const callbackAlreadyReceived = /* @__PURE__ */ defineMessage('deployments.callbackAlreadyReceived', {
  en: 'This callback was already received.',
  'zh-CN': '此回调已经收到过。',
});
export const deploymentNotFound = /* @__PURE__ */ defineMessage('deployments.notFound', {
  en: 'No such deployment in this project.',
  'zh-CN': '此项目中不存在该部署。',
});
export const finishedMeanwhile = /* @__PURE__ */ defineMessage('deployments.finishedMeanwhile', {
  en: 'The deployment ended meanwhile; nothing was changed.',
  'zh-CN': '该部署在此期间已经结束；未做任何更改。',
});
export const approvalGateUnsatisfiable = /* @__PURE__ */ defineMessage<{
  stage: string;
  stageRoles: string;
  environment: string;
  environmentRoles: string;
}>('deployments.approvalGateUnsatisfiable', {
  en: 'The approval stage {stage} allows {stageRoles}, but {environment} takes approvals only from {environmentRoles}: nobody could approve this deployment.',
  'zh-CN':
    '审批阶段 {stage} 允许 {stageRoles} 审批，但 {environment} 只接受 {environmentRoles} 的审批：没有人能够审批此部署。',
});
export const approversAre = /* @__PURE__ */ defineMessage<{ approvers: string }>('deployments.approversAre', {
  en: 'Approvals for this stage come from: {approvers}.',
  'zh-CN': '此阶段的审批人：{approvers}。',
});
export const approversNobody = /* @__PURE__ */ defineMessage('deployments.approversNobody', {
  en: 'Approvals for this stage come from: nobody.',
  'zh-CN': '此阶段的审批人：无。',
});
export const selfApproval = /* @__PURE__ */ defineMessage('deployments.selfApproval', {
  en: 'The environment does not let the author of a deployment approve it.',
  'zh-CN': '该环境不允许部署的发起人审批自己的部署。',
});
export const environmentBusy = /* @__PURE__ */ defineMessage('deployments.environmentBusy', {
  en: 'Another deployment is running against this environment.',
  'zh-CN': '另一个部署正在此环境上运行。',
});
export const queueFull = /* @__PURE__ */ defineMessage<{ cap: number }>('deployments.queueFull', {
  en: '{cap} deployments already wait for this environment (its maxQueued); try again when one has run.',
  'zh-CN': '已有 {cap} 个部署在等待此环境（达到其 maxQueued）；请在其中一个运行后重试。',
});

// Why a callback's signature is refused (the detail of callbackRefused).
export const signatureMissing = /* @__PURE__ */ defineMessage('deployments.signature.missing', {
  en: 'the request is not signed',
  'zh-CN': '请求没有签名',
});
export const signatureTimestampFormat = /* @__PURE__ */ defineMessage('deployments.signature.timestampFormat', {
  en: 'the timestamp is not a unix time in seconds',
  'zh-CN': '时间戳不是以秒为单位的 Unix 时间',
});
export const signatureTimestampAge = /* @__PURE__ */ defineMessage<{ maxSeconds: number }>(
  'deployments.signature.timestampAge',
  {
    en: 'the timestamp is more than {maxSeconds} seconds away from now',
    'zh-CN': '时间戳与当前时间相差超过 {maxSeconds} 秒',
  },
);
export const signatureFormat = /* @__PURE__ */ defineMessage('deployments.signature.format', {
  en: "the signature is not sha256='<'hex>",
  'zh-CN': "签名不是 sha256='<'hex> 格式",
});
export const signatureMismatch = /* @__PURE__ */ defineMessage('deployments.signature.mismatch', {
  en: 'the signature does not match',
  'zh-CN': '签名不匹配',
});
export const qualityGateNoAnalysis = /* @__PURE__ */ defineMessage<{ version: string; seconds: number }>(
  'deployments.qualityGate.noAnalysis',
  {
    en: 'no analysis of version {version} completed within {seconds, number} s',
    'zh-CN': '版本 {version} 的代码分析没有在 {seconds, number} 秒内完成',
  },
);
export const qualityGateAnalysisFailed = /* @__PURE__ */ defineMessage<{
  analysisId: string;
  version: string;
  code: string;
}>('deployments.qualityGate.analysisFailed', {
  en: 'the analysis {analysisId} of version {version} failed ({code})',
  'zh-CN': '版本 {version} 的代码分析 {analysisId} 失败（{code}）',
});
export const qualityGateNoResult = /* @__PURE__ */ defineMessage<{ analysisId: string; version: string }>(
  'deployments.qualityGate.noResult',
  {
    en: 'the analysis {analysisId} of version {version} completed without a quality gate result',
    'zh-CN': '版本 {version} 的代码分析 {analysisId} 已完成，但没有质量门禁结果',
  },
);
export const qualityGateFailedWithoutConditions = /* @__PURE__ */ defineMessage<{ analysisId: string }>(
  'deployments.qualityGate.failed',
  {
    en: 'the quality gate failed on the analysis {analysisId}',
    'zh-CN': '代码分析 {analysisId} 未通过质量门禁',
  },
);

// Why a deployment or one of its stages ended, and a stage's note: stored as id and values
// (shared/i18n/stored.ts), worded when the deployment is read. A reason a user or an
// external system gave (a cancel's reason, a callback's message) is data, stored as it is.
export const cancelledByUser = /* @__PURE__ */ defineMessage('deployments.reason.cancelledByUser', {
  en: 'cancelled by a user',
  'zh-CN': '被用户取消',
});
export const rejectedBy = /* @__PURE__ */ defineMessage<{ userId: string }>('deployments.reason.rejectedBy', {
  en: 'rejected by {userId}',
  'zh-CN': '被 {userId} 拒绝',
});
export const externalFailure = /* @__PURE__ */ defineMessage('deployments.reason.externalFailure', {
  en: 'the external system reported a failure',
  'zh-CN': '外部系统报告了失败',
});
export const runNotStarted = /* @__PURE__ */ defineMessage('deployments.reason.runNotStarted', {
  en: 'the run could not be started',
  'zh-CN': '无法启动运行',
});
export const testRunMissing = /* @__PURE__ */ defineMessage<{ runId: string }>('deployments.testGate.runMissing', {
  en: 'Test run {runId} does not exist',
  'zh-CN': '测试运行 {runId} 不存在',
});
// {reason}: the run's own failure reason (worded like it), or noResults.
export const testRunEnded = /* @__PURE__ */ defineMessage<{
  runId: string;
  status: string;
  reason: LocalizedText | string;
}>('deployments.testGate.runEnded', {
  en: 'Test run {runId} ended {status}: {reason}',
  'zh-CN': '测试运行 {runId} 以 {status} 状态结束：{reason}',
});
export const noResults = /* @__PURE__ */ defineMessage('deployments.testGate.noResults', {
  en: 'no results',
  'zh-CN': '没有结果',
});
export const passRateBelow = /* @__PURE__ */ defineMessage<{ runId: string; passRate: number; minimum: number }>(
  'deployments.testGate.passRateBelow',
  {
    en: 'Test run {runId}: pass rate {passRate} is below the stage minimum {minimum}',
    'zh-CN': '测试运行 {runId}：通过率 {passRate} 低于该阶段的最低要求 {minimum}',
  },
);
export const noCaseRan = /* @__PURE__ */ defineMessage<{ runId: string; minimum: number }>(
  'deployments.testGate.noCaseRan',
  {
    en: 'Test run {runId}: pass rate n/a (no case ran) is below the stage minimum {minimum}',
    'zh-CN': '测试运行 {runId}：没有用例运行，无通过率，低于该阶段的最低要求 {minimum}',
  },
);
export const passRateNote = /* @__PURE__ */ defineMessage<{ passRate: number; minimum: number }>(
  'deployments.testGate.passRateNote',
  {
    en: 'pass rate {passRate} (minimum {minimum})',
    'zh-CN': '通过率 {passRate}（最低 {minimum}）',
  },
);
export const passRateNoteNone = /* @__PURE__ */ defineMessage<{ minimum: number }>(
  'deployments.testGate.passRateNoteNone',
  {
    en: 'pass rate n/a (minimum {minimum})',
    'zh-CN': '通过率不适用（最低 {minimum}）',
  },
);
export const approvedWaiting = /* @__PURE__ */ defineMessage<{ seconds: number }>('deployments.approval.waitTimer', {
  en: 'approved; wait timer {seconds} s',
  'zh-CN': '已批准；等待计时 {seconds} 秒',
});
// {comment}: the approver's own words.
export const rejectedWith = /* @__PURE__ */ defineMessage<{ comment: string }>('deployments.reason.rejectedWith', {
  en: 'Rejected: {comment}',
  'zh-CN': '已拒绝：{comment}',
});
export const rejectedByApprover = /* @__PURE__ */ defineMessage('deployments.reason.rejectedByApprover', {
  en: 'Rejected by an approver',
  'zh-CN': '被审批人拒绝',
});
