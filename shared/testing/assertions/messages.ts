import { defineMessage } from '#shared/i18n/catalogue';

// Why a JSON path or a user's pattern is refused: said in a 400 when a case is saved, and
// (in English, the run's language) in an assertion's result when a run meets one.

export const jsonPathTooLong = /* @__PURE__ */ defineMessage<{ max: number }>('assertions.jsonPath.tooLong', {
  en: 'JSON path is longer than {max} characters',
  'zh-CN': 'JSON 路径超过 {max} 个字符',
});
export const jsonPathStart = /* @__PURE__ */ defineMessage('assertions.jsonPath.start', {
  en: 'JSON path must start with $',
  'zh-CN': 'JSON 路径必须以 $ 开头',
});
export const jsonPathUnexpected = /* @__PURE__ */ defineMessage<{ character: string; position: number }>(
  'assertions.jsonPath.unexpected',
  {
    en: 'JSON path has an unexpected "{character}" at position {position}',
    'zh-CN': 'JSON 路径在位置 {position} 有意外的 "{character}"',
  },
);
export const jsonPathNeedsName = /* @__PURE__ */ defineMessage<{ position: number }>('assertions.jsonPath.needsName', {
  en: "JSON path needs a name or * at position {position}; quote other names as ['name']",
  'zh-CN': "JSON 路径在位置 {position} 需要名称或 *；其他名称请写成 ['name']",
});
export const jsonPathUnclosed = /* @__PURE__ */ defineMessage<{ position: number }>('assertions.jsonPath.unclosed', {
  en: 'JSON path has an unclosed [ at position {position}',
  'zh-CN': 'JSON 路径在位置 {position} 有未闭合的 [',
});
export const jsonPathNegativeIndex = /* @__PURE__ */ defineMessage<{ index: string }>(
  'assertions.jsonPath.negativeIndex',
  {
    en: 'JSON path does not support negative index [{index}]; use [{index}:]',
    'zh-CN': 'JSON 路径不支持负数下标 [{index}]；请使用 [{index}:]',
  },
);
export const jsonPathFilter = /* @__PURE__ */ defineMessage<{ selector: string }>('assertions.jsonPath.filter', {
  en: 'JSON path uses a filter or script expression [{selector}], which is not supported',
  'zh-CN': 'JSON 路径使用了过滤或脚本表达式 [{selector}]，不受支持',
});
export const jsonPathUnsupported = /* @__PURE__ */ defineMessage<{ selector: string; position: number }>(
  'assertions.jsonPath.unsupported',
  {
    en: 'JSON path has an unsupported selector [{selector}] at position {position}',
    'zh-CN': 'JSON 路径在位置 {position} 有不支持的选择器 [{selector}]',
  },
);

export const patternTooLong = /* @__PURE__ */ defineMessage<{ max: number }>('assertions.pattern.tooLong', {
  en: 'pattern is longer than {max} characters',
  'zh-CN': '模式超过 {max} 个字符',
});
// {reason} is the regular-expression engine's own words (V8's or RE2's), which have no translation.
export const patternInvalid = /* @__PURE__ */ defineMessage<{ reason: string }>('assertions.pattern.invalid', {
  en: 'pattern is not a valid regular expression: {reason}',
  'zh-CN': '模式不是有效的正则表达式：{reason}',
});
export const patternUnsupported = /* @__PURE__ */ defineMessage<{ reason: string }>('assertions.pattern.unsupported', {
  en: 'pattern is not supported by the linear-time engine (RE2: no lookaround, no backreferences): {reason}',
  'zh-CN': '线性时间引擎不支持该模式（RE2：不支持环视和反向引用）：{reason}',
});
