import { defineMessage, type LocalizedText } from '#shared/i18n/catalogue';

// The testing/runs texts a client can read, in every language.

export const casesMissing = /* @__PURE__ */ defineMessage('testing.runs.casesMissing', {
  en: 'Some of the test cases do not exist in this project.',
  'zh-CN': '部分测试用例在此项目中不存在。',
});

export const runNotFound = /* @__PURE__ */ defineMessage('testing.runs.runNotFound', {
  en: 'No such test run in this project.',
  'zh-CN': '此项目中不存在该测试运行。',
});

// Why a case errored or what its result leaves out: stored in the result as id and values
// (shared/i18n/stored.ts) and worded when read. {reason} values quote a task's error or a
// user's system as they are.
export const caseDeleted = /* @__PURE__ */ defineMessage('testing.runs.caseDeleted', {
  en: 'The case was deleted before it ran.',
  'zh-CN': '该用例在运行前已被删除。',
});
export const caseNotRun = /* @__PURE__ */ defineMessage<{ reason: string }>('testing.runs.caseNotRun', {
  en: 'The case could not be run: {reason}',
  'zh-CN': '无法运行该用例：{reason}',
});
export const performanceNotRunnable = /* @__PURE__ */ defineMessage('testing.runs.performanceNotRunnable', {
  en: 'Performance cases cannot be run here: no performance runner is configured.',
  'zh-CN': '无法在此运行性能用例：未配置性能测试执行器。',
});
export const runByCi = /* @__PURE__ */ defineMessage<{ type: string }>('testing.runs.runByCi', {
  en: '{type} cases are run by CI, which reports their results.',
  'zh-CN': '{type} 类型的用例由 CI 运行，并由 CI 上报结果。',
});
export const assertionsDropped = /* @__PURE__ */ defineMessage<{ count: number }>('testing.runs.assertionsDropped', {
  en: '{count, plural, one {# passed assertion} other {# passed assertions}} not stored (result too large)',
  'zh-CN': '{count, number} 个通过的断言未保存（结果过大）',
});
export const targetUnreachable = /* @__PURE__ */ defineMessage<{ requests: number; network: number; timeout: number }>(
  'testing.runs.targetUnreachable',
  {
    en: 'The target could not be reached: none of {requests} requests was answered ({network} connection failures, {timeout} timeouts).',
    'zh-CN': '无法访问目标：{requests} 个请求均未得到响应（{network} 次连接失败，{timeout} 次超时）。',
  },
);
export const noLoadWorker = /* @__PURE__ */ defineMessage('testing.runs.noLoadWorker', {
  en: 'no load worker ran',
  'zh-CN': '没有负载执行器运行',
});
export const loadWorkerFailed = /* @__PURE__ */ defineMessage<{ reason: string }>('testing.runs.loadWorkerFailed', {
  en: 'a load worker failed: {reason}',
  'zh-CN': '一个负载执行器失败：{reason}',
});
export const caseDeletedBeforeLoad = /* @__PURE__ */ defineMessage('testing.runs.caseDeletedBeforeLoad', {
  en: 'the case was deleted before it ran',
  'zh-CN': '该用例在运行前已被删除',
});
export const urlRefusedForCase = /* @__PURE__ */ defineMessage<{ reason: LocalizedText }>('testing.runs.urlRefused', {
  en: 'The URL {reason}.',
  'zh-CN': 'URL {reason}。',
});
export const loadCannotRun = /* @__PURE__ */ defineMessage<{ reason: LocalizedText | string }>(
  'testing.runs.loadCannotRun',
  {
    en: 'The load test cannot run: {reason}.',
    'zh-CN': '负载测试无法运行：{reason}。',
  },
);

// Why a whole run errored (its failureReason), worded when the run is read.
export const runNotStarted = /* @__PURE__ */ defineMessage('testing.runs.runNotStarted', {
  en: 'the run could not be started',
  'zh-CN': '无法启动该运行',
});
export const stageEndedFirst = /* @__PURE__ */ defineMessage<{ status: string }>('testing.runs.stageEndedFirst', {
  en: "the deployment''s test stage ended before the run finished (it was {status})",
  'zh-CN': '部署的测试阶段在运行结束前已结束（运行当时处于 {status} 状态）',
});
export const importNotStored = /* @__PURE__ */ defineMessage('testing.runs.importNotStored', {
  en: 'The imported results could not be stored.',
  'zh-CN': '无法保存导入的结果。',
});
