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
