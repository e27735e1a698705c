import { defineMessage } from '#shared/i18n/catalogue';

// The environments texts a client can read, in every language.

export const versionMismatch = /* @__PURE__ */ defineMessage('environments.versionMismatch', {
  en: 'The environment changed since that version; fetch it again.',
  'zh-CN': '该环境在此版本之后已被修改；请重新获取。',
});

export const concurrentModification = /* @__PURE__ */ defineMessage('environments.concurrentModification', {
  en: 'The environment was changed at the same time; try again.',
  'zh-CN': '该环境同时被修改；请重试。',
});

export const deploymentRunning = /* @__PURE__ */ defineMessage('environments.deploymentRunning', {
  en: 'A deployment is running against this environment; cancel it first.',
  'zh-CN': '有部署正在此环境上运行；请先取消它。',
});

export const noUrl = /* @__PURE__ */ defineMessage('environments.noUrl', {
  en: 'The environment has no URL whose host could be verified.',
  'zh-CN': '该环境没有可供验证主机的 URL。',
});

export const environmentNotFound = /* @__PURE__ */ defineMessage('environments.environmentNotFound', {
  en: 'No such environment in this project.',
  'zh-CN': '此项目中不存在该环境。',
});
export const environmentNameTaken = /* @__PURE__ */ defineMessage<{ name: string }>('environments.nameTaken', {
  en: 'The project already has an environment named {name}.',
  'zh-CN': '项目中已有名为 {name} 的环境。',
});
export const ownershipNotVerified = /* @__PURE__ */ defineMessage<{ url: string; record: string; token: string }>(
  'environments.ownershipNotVerified',
  {
    en: "Neither {url} nor the TXT record {record} holds the environment's token {token}.",
    'zh-CN': '{url} 和 TXT 记录 {record} 中都没有该环境的令牌 {token}。',
  },
);
