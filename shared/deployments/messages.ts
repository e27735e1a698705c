import { defineMessage } from '#shared/i18n/catalogue';

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
