import { defineMessage } from '#shared/i18n/catalogue';

// The load tests' texts a client can read.

export const loadTargetsRefused = /* @__PURE__ */ defineMessage<{ refused: string }>('testing.load.targetsRefused', {
  en: 'Load tests may not run: {refused}.',
  'zh-CN': '负载测试不能运行：{refused}。',
});
