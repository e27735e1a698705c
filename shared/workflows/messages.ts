import { defineMessage, type LocalizedText } from '#shared/i18n/catalogue';

// Why a state machine run ended without success, as the reconcilers record it (stored as id
// and values, worded when read). {status} is the execution status (FAILED, TIMED_OUT,
// ABORTED); {why} quotes the run's error and cause as Step Functions gives them.

export const runEnded = /* @__PURE__ */ defineMessage<{ status: string }>('workflows.runEnded', {
  en: 'the run ended {status, select, ABORTED {aborted} TIMED_OUT {timed out} other {failed}}',
  'zh-CN': '运行{status, select, ABORTED {被中止} TIMED_OUT {超时} other {失败}}',
});
export const runEndedBecause = /* @__PURE__ */ defineMessage<{ status: string; why: string }>(
  'workflows.runEndedBecause',
  {
    en: 'the run ended {status, select, ABORTED {aborted} TIMED_OUT {timed out} other {failed}}: {why}',
    'zh-CN': '运行{status, select, ABORTED {被中止} TIMED_OUT {超时} other {失败}}：{why}',
  },
);

// Why a deployment stage failed, from the error its state machine caught.
export const stageTimedOut = /* @__PURE__ */ defineMessage('workflows.stage.timedOut', {
  en: 'timed out waiting for the stage to complete',
  'zh-CN': '等待阶段完成时超时',
});
export const stageNoHeartbeat = /* @__PURE__ */ defineMessage('workflows.stage.noHeartbeat', {
  en: 'the stage stopped sending heartbeats',
  'zh-CN': '该阶段停止发送心跳',
});
// {error} is the error's name (TestGateFailed, …): a code, not translated.
export const stageError = /* @__PURE__ */ defineMessage<{ error: string; reason: LocalizedText }>(
  'workflows.stage.error',
  {
    en: '{error}: {reason}',
    'zh-CN': '{error}：{reason}',
  },
);
