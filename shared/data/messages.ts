import { defineMessage } from '#shared/i18n/catalogue';

// The data texts a client can read, in every language.

export const invalidCursor = /* @__PURE__ */ defineMessage('data.invalidCursor', {
  en: 'The cursor is not valid for this list; start again without it.',
  'zh-CN': '该 cursor 对此列表无效；请去掉它重新开始。',
});

export const invalidCursorField = /* @__PURE__ */ defineMessage('data.invalidCursorField', {
  en: 'not a valid cursor for this list',
  'zh-CN': '不是此列表的有效 cursor',
});
