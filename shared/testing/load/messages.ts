import { defineMessage } from '#shared/i18n/catalogue';

// The load tests' texts a client can read.

export const loadTargetsRefused = /* @__PURE__ */ defineMessage<{ refused: string }>('testing.load.targetsRefused', {
  en: 'Load tests may not run: {refused}.',
  'zh-CN': '负载测试不能运行：{refused}。',
});
export const loadTargetInvalidUrl = /* @__PURE__ */ defineMessage('testing.load.targetInvalidUrl', {
  en: 'the load test URL is not a valid URL',
  'zh-CN': '负载测试的 URL 不是有效的 URL',
});
export const loadTargetNotVerified = /* @__PURE__ */ defineMessage<{ host: string }>('testing.load.targetNotVerified', {
  en: "the load test target {host} is not the verified host of one of the project's environments (see POST /v1/projects/'{'projectId}/environments/'{'environmentId}/verify)",
  'zh-CN':
    "负载测试目标 {host} 不是本项目某个环境已验证的主机（参见 POST /v1/projects/'{'projectId}/environments/'{'environmentId}/verify）",
});

// What a performance case's thresholds found (stored in its result, worded when read).
// {label} is p95 or p99; numbers are rounded (milliseconds and percentages to 3 decimals).
export const latencyNotMeasured = /* @__PURE__ */ defineMessage<{ label: string }>('testing.load.latencyNotMeasured', {
  en: '{label} latency could not be measured: no request was answered',
  'zh-CN': '无法测量 {label} 延迟：没有请求得到响应',
});
export const latencyWithin = /* @__PURE__ */ defineMessage<{ label: string; actual: number; expected: number }>(
  'testing.load.latencyWithin',
  {
    en: '{label} latency {actual} ms is within {expected} ms',
    'zh-CN': '{label} 延迟 {actual} 毫秒，未超过 {expected} 毫秒',
  },
);
export const latencyExceeds = /* @__PURE__ */ defineMessage<{ label: string; actual: number; expected: number }>(
  'testing.load.latencyExceeds',
  {
    en: '{label} latency {actual} ms exceeds {expected} ms',
    'zh-CN': '{label} 延迟 {actual} 毫秒，超过 {expected} 毫秒',
  },
);
export const errorRateNotMeasured = /* @__PURE__ */ defineMessage('testing.load.errorRateNotMeasured', {
  en: 'error rate could not be measured: no request completed',
  'zh-CN': '无法测量错误率：没有请求完成',
});
export const errorRateWithin = /* @__PURE__ */ defineMessage<{
  rate: number;
  errors: number;
  requests: number;
  expected: number;
}>('testing.load.errorRateWithin', {
  en: 'error rate {rate} % ({errors} of {requests}) is within {expected} %',
  'zh-CN': '错误率 {rate}%（{requests} 个中有 {errors} 个），未超过 {expected}%',
});
export const errorRateExceeds = /* @__PURE__ */ defineMessage<{
  rate: number;
  errors: number;
  requests: number;
  expected: number;
}>('testing.load.errorRateExceeds', {
  en: 'error rate {rate} % ({errors} of {requests}) exceeds {expected} %',
  'zh-CN': '错误率 {rate}%（{requests} 个中有 {errors} 个），超过 {expected}%',
});
export const throughputReaches = /* @__PURE__ */ defineMessage<{ rps: number; expected: number }>(
  'testing.load.throughputReaches',
  {
    en: 'throughput {rps} req/s reaches {expected} req/s',
    'zh-CN': '吞吐量 {rps} 请求/秒，达到 {expected} 请求/秒',
  },
);
export const throughputBelow = /* @__PURE__ */ defineMessage<{ rps: number; expected: number }>(
  'testing.load.throughputBelow',
  {
    en: 'throughput {rps} req/s is below {expected} req/s',
    'zh-CN': '吞吐量 {rps} 请求/秒，低于 {expected} 请求/秒',
  },
);
