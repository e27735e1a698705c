import { defineMessage, type LocalizedText } from '#shared/i18n/catalogue';

// Why a JSON path or a user's pattern is refused: said in a 400 when a case is saved, and in
// an assertion's result when a run meets one. Then what each assertion found: a result keeps
// the message id and its values (shared/i18n/stored.ts) and is worded when read. Values are
// data and never translated: JSON paths, header names, patterns, JSON previews of values,
// and the words of Ajv, V8 and RE2.

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

// What an assertion found (stored in its result, worded when read).
export const statusIs = /* @__PURE__ */ defineMessage<{ expected: number }>('assertions.status.is', {
  en: 'status is {expected}',
  'zh-CN': '状态码为 {expected}',
});
export const statusExpected = /* @__PURE__ */ defineMessage<{ expected: number; actual: number }>(
  'assertions.status.expected',
  {
    en: 'expected status {expected}, got {actual}',
    'zh-CN': '期望状态码 {expected}，实际为 {actual}',
  },
);
export const latencyWithin = /* @__PURE__ */ defineMessage<{ durationMs: number; maxMs: number }>(
  'assertions.latency.within',
  {
    en: 'responded in {durationMs} ms (at most {maxMs} ms)',
    'zh-CN': '在 {durationMs} 毫秒内响应（上限 {maxMs} 毫秒）',
  },
);
export const latencyExceeded = /* @__PURE__ */ defineMessage<{ durationMs: number; maxMs: number }>(
  'assertions.latency.exceeded',
  {
    en: 'expected a response within {maxMs} ms, it took {durationMs} ms',
    'zh-CN': '期望在 {maxMs} 毫秒内响应，实际用时 {durationMs} 毫秒',
  },
);
export const headerPresent = /* @__PURE__ */ defineMessage<{ name: string }>('assertions.header.present', {
  en: 'header {name} is present',
  'zh-CN': '响应头 {name} 存在',
});
export const headerMissing = /* @__PURE__ */ defineMessage<{ name: string }>('assertions.header.missing', {
  en: 'expected header {name}; it is missing',
  'zh-CN': '期望有响应头 {name}，但它不存在',
});
export const headerMatches = /* @__PURE__ */ defineMessage<{ name: string; pattern: string }>(
  'assertions.header.matches',
  {
    en: 'header {name} matches /{pattern}/',
    'zh-CN': '响应头 {name} 匹配 /{pattern}/',
  },
);
export const headerMatchMissing = /* @__PURE__ */ defineMessage<{ name: string; pattern: string }>(
  'assertions.header.matchMissing',
  {
    en: 'expected header {name} to match /{pattern}/; it is missing',
    'zh-CN': '期望响应头 {name} 匹配 /{pattern}/，但它不存在',
  },
);
export const headerMatchFailed = /* @__PURE__ */ defineMessage<{ name: string; pattern: string; actual: string }>(
  'assertions.header.matchFailed',
  {
    en: 'expected header {name} to match /{pattern}/, got {actual}',
    'zh-CN': '期望响应头 {name} 匹配 /{pattern}/，实际为 {actual}',
  },
);
export const headerEquals = /* @__PURE__ */ defineMessage<{ name: string; expected: string }>(
  'assertions.header.equals',
  {
    en: 'header {name} equals {expected}',
    'zh-CN': '响应头 {name} 等于 {expected}',
  },
);
export const headerEqualMissing = /* @__PURE__ */ defineMessage<{ name: string; expected: string }>(
  'assertions.header.equalMissing',
  {
    en: 'expected header {name} to equal {expected}; it is missing',
    'zh-CN': '期望响应头 {name} 等于 {expected}，但它不存在',
  },
);
export const headerEqualFailed = /* @__PURE__ */ defineMessage<{ name: string; expected: string; actual: string }>(
  'assertions.header.equalFailed',
  {
    en: 'expected header {name} to equal {expected}, got {actual}',
    'zh-CN': '期望响应头 {name} 等于 {expected}，实际为 {actual}',
  },
);

export const bodyEmpty = /* @__PURE__ */ defineMessage('assertions.body.empty', {
  en: 'the response body is empty',
  'zh-CN': '响应体为空',
});
export const bodyEmptyTyped = /* @__PURE__ */ defineMessage<{ contentType: string }>('assertions.body.emptyTyped', {
  en: 'the response body is empty (content-type {contentType})',
  'zh-CN': '响应体为空（content-type {contentType}）',
});
export const bodyNotJson = /* @__PURE__ */ defineMessage('assertions.body.notJson', {
  en: 'the response body is not JSON',
  'zh-CN': '响应体不是 JSON',
});
export const bodyNotJsonTyped = /* @__PURE__ */ defineMessage<{ contentType: string }>('assertions.body.notJsonTyped', {
  en: 'the response body is not JSON (content-type {contentType})',
  'zh-CN': '响应体不是 JSON（content-type {contentType}）',
});
export const bodyTooDeep = /* @__PURE__ */ defineMessage<{ max: number }>('assertions.body.tooDeep', {
  en: 'the response JSON nests deeper than {max} levels',
  'zh-CN': '响应 JSON 的嵌套超过 {max} 层',
});
// {reason} is jsonpath-plus's own words.
export const jsonPathEngine = /* @__PURE__ */ defineMessage<{ reason: string }>('assertions.jsonPath.engine', {
  en: 'the JSON path could not be evaluated: {reason}',
  'zh-CN': '无法计算 JSON 路径：{reason}',
});

export const cannotEvaluate = /* @__PURE__ */ defineMessage<{ path: string; reason: LocalizedText }>(
  'assertions.jsonPath.cannotEvaluate',
  {
    en: 'cannot evaluate {path}: {reason}',
    'zh-CN': '无法计算 {path}：{reason}',
  },
);
export const pathExists = /* @__PURE__ */ defineMessage<{ path: string }>('assertions.jsonPath.exists', {
  en: '{path} exists',
  'zh-CN': '{path} 存在',
});
export const pathAbsent = /* @__PURE__ */ defineMessage<{ path: string }>('assertions.jsonPath.absent', {
  en: '{path} does not exist',
  'zh-CN': '{path} 不存在',
});
export const pathUnexpected = /* @__PURE__ */ defineMessage<{ path: string; actual: string }>(
  'assertions.jsonPath.unexpectedMatch',
  {
    en: 'expected {path} not to exist, found {actual}',
    'zh-CN': '期望 {path} 不存在，实际找到 {actual}',
  },
);
export const pathMissing = /* @__PURE__ */ defineMessage<{ path: string }>('assertions.jsonPath.missing', {
  en: 'expected {path} to exist; nothing matched',
  'zh-CN': '期望 {path} 存在，但没有匹配项',
});
export const pathNothingMatched = /* @__PURE__ */ defineMessage<{ path: string; expectation: LocalizedText }>(
  'assertions.jsonPath.nothingMatched',
  {
    en: 'expected {path} {expectation}; nothing matched',
    'zh-CN': '期望 {path} {expectation}，但没有匹配项',
  },
);
export const toEqual = /* @__PURE__ */ defineMessage<{ expected: string }>('assertions.expectation.equal', {
  en: 'to equal {expected}',
  'zh-CN': '等于 {expected}',
});
export const toMatch = /* @__PURE__ */ defineMessage<{ pattern: string }>('assertions.expectation.match', {
  en: 'to match /{pattern}/',
  'zh-CN': '匹配 /{pattern}/',
});
export const toContain = /* @__PURE__ */ defineMessage<{ expected: string }>('assertions.expectation.contain', {
  en: 'to contain {expected}',
  'zh-CN': '包含 {expected}',
});
export const pathEquals = /* @__PURE__ */ defineMessage<{ path: string; expected: string }>(
  'assertions.jsonPath.equals',
  {
    en: '{path} equals {expected}',
    'zh-CN': '{path} 等于 {expected}',
  },
);
export const pathEqualFailed = /* @__PURE__ */ defineMessage<{ path: string; expected: string; actual: string }>(
  'assertions.jsonPath.equalFailed',
  {
    en: 'expected {path} to equal {expected}, got {actual}',
    'zh-CN': '期望 {path} 等于 {expected}，实际为 {actual}',
  },
);
export const pathNotAString = /* @__PURE__ */ defineMessage<{
  path: string;
  pattern: string;
  kind: LocalizedText;
  actual: string;
}>('assertions.jsonPath.notAString', {
  en: 'expected {path} to be a string matching /{pattern}/, got {kind} {actual}',
  'zh-CN': '期望 {path} 是匹配 /{pattern}/ 的字符串，实际为 {kind} {actual}',
});
export const pathMatches = /* @__PURE__ */ defineMessage<{ path: string; pattern: string }>(
  'assertions.jsonPath.matches',
  {
    en: '{path} matches /{pattern}/',
    'zh-CN': '{path} 匹配 /{pattern}/',
  },
);
export const pathMatchFailed = /* @__PURE__ */ defineMessage<{ path: string; pattern: string; actual: string }>(
  'assertions.jsonPath.matchFailed',
  {
    en: 'expected {path} to match /{pattern}/, got {actual}',
    'zh-CN': '期望 {path} 匹配 /{pattern}/，实际为 {actual}',
  },
);
export const containsNeedsString = /* @__PURE__ */ defineMessage<{ path: string; kind: LocalizedText }>(
  'assertions.jsonPath.containsNeedsString',
  {
    en: '{path} is a string; contains needs a string to look for, got {kind}',
    'zh-CN': '{path} 是字符串；contains 需要一个要查找的字符串，实际为 {kind}',
  },
);
export const pathContains = /* @__PURE__ */ defineMessage<{ path: string; expected: string }>(
  'assertions.jsonPath.contains',
  {
    en: '{path} contains {expected}',
    'zh-CN': '{path} 包含 {expected}',
  },
);
export const pathContainFailed = /* @__PURE__ */ defineMessage<{ path: string; expected: string; actual: string }>(
  'assertions.jsonPath.containFailed',
  {
    en: 'expected {path} to contain {expected}, got {actual}',
    'zh-CN': '期望 {path} 包含 {expected}，实际为 {actual}',
  },
);
export const pathContainsElement = /* @__PURE__ */ defineMessage<{ path: string; expected: string }>(
  'assertions.jsonPath.containsElement',
  {
    en: '{path} contains the element {expected}',
    'zh-CN': '{path} 包含元素 {expected}',
  },
);
export const pathContainElementFailed = /* @__PURE__ */ defineMessage<{
  path: string;
  expected: string;
  actual: string;
}>('assertions.jsonPath.containElementFailed', {
  en: 'expected {path} to contain the element {expected}, got {actual}',
  'zh-CN': '期望 {path} 包含元素 {expected}，实际为 {actual}',
});
export const pathNotAContainer = /* @__PURE__ */ defineMessage<{
  path: string;
  expected: string;
  kind: LocalizedText;
  actual: string;
}>('assertions.jsonPath.notAContainer', {
  en: 'expected {path} to be a string or an array to contain {expected}, got {kind} {actual}',
  'zh-CN': '期望 {path} 是包含 {expected} 的字符串或数组，实际为 {kind} {actual}',
});

// The kind of a JSON value, inside the sentences above.
export const kindNull = /* @__PURE__ */ defineMessage('assertions.kind.null', { en: 'null', 'zh-CN': 'null' });
export const kindArray = /* @__PURE__ */ defineMessage('assertions.kind.array', { en: 'an array', 'zh-CN': '数组' });
export const kindObject = /* @__PURE__ */ defineMessage('assertions.kind.object', { en: 'an object', 'zh-CN': '对象' });
export const kindString = /* @__PURE__ */ defineMessage('assertions.kind.string', {
  en: 'a string',
  'zh-CN': '字符串',
});
export const kindNumber = /* @__PURE__ */ defineMessage('assertions.kind.number', { en: 'a number', 'zh-CN': '数字' });
export const kindBoolean = /* @__PURE__ */ defineMessage('assertions.kind.boolean', {
  en: 'a boolean',
  'zh-CN': '布尔值',
});

export const schemaCannotValidate = /* @__PURE__ */ defineMessage<{ reason: LocalizedText }>(
  'assertions.schema.cannotValidate',
  {
    en: 'cannot validate against the schema: {reason}',
    'zh-CN': '无法按该 schema 校验：{reason}',
  },
);
// {reason} is a pattern's problem or Ajv's own words.
export const schemaInvalid = /* @__PURE__ */ defineMessage<{ reason: LocalizedText | string }>(
  'assertions.schema.invalid',
  {
    en: 'the schema is not valid: {reason}',
    'zh-CN': 'schema 无效：{reason}',
  },
);
export const schemaMatches = /* @__PURE__ */ defineMessage('assertions.schema.matches', {
  en: 'the body matches the schema',
  'zh-CN': '响应体符合 schema',
});
// {errors}: Ajv's own words, each after the instance path it is about.
export const schemaMismatch = /* @__PURE__ */ defineMessage<{ errors: string }>('assertions.schema.mismatch', {
  en: 'the body does not match the schema: {errors}',
  'zh-CN': '响应体不符合 schema：{errors}',
});

// A scenario's results: each names its step; an extraction that found nothing fails the step.
export const inStep = /* @__PURE__ */ defineMessage<{ step: string; text: LocalizedText | string }>(
  'assertions.step.labelled',
  {
    en: 'Step "{step}": {text}',
    'zh-CN': '步骤 "{step}"：{text}',
  },
);
export const extractFailed = /* @__PURE__ */ defineMessage<{ name: string; reason: LocalizedText }>(
  'assertions.extract.failed',
  {
    en: 'cannot extract {name}: {reason}',
    'zh-CN': '无法提取 {name}：{reason}',
  },
);
export const extractNoHeader = /* @__PURE__ */ defineMessage<{ name: string }>('assertions.extract.noHeader', {
  en: 'the response has no header {name}',
  'zh-CN': '响应没有响应头 {name}',
});
export const extractNothingMatched = /* @__PURE__ */ defineMessage<{ source: string }>(
  'assertions.extract.nothingMatched',
  {
    en: 'nothing matched {source}',
    'zh-CN': '{source} 没有匹配项',
  },
);

// A case's request whose placeholders cannot be resolved when the run sends it (the case errors);
// worded like the save-time checks of shared/schemas/messages.ts.
export const templateNotPlaceholder = /* @__PURE__ */ defineMessage<{ placeholder: string }>(
  'assertions.template.notPlaceholder',
  {
    en: "{placeholder} is not a placeholder; use '{{vars.<name>}}' or '{{environment.url}}'",
    'zh-CN': "{placeholder} 不是占位符；请使用 '{{vars.<name>}}' 或 '{{environment.url}}'",
  },
);
export const templateNoEnvironmentUrl = /* @__PURE__ */ defineMessage<{ placeholder: string }>(
  'assertions.template.noEnvironmentUrl',
  {
    en: '{placeholder} is used but the run has no environment URL.',
    'zh-CN': '使用了 {placeholder}，但该运行没有环境 URL。',
  },
);
export const templateUnknownVariable = /* @__PURE__ */ defineMessage<{ name: string; placeholder: string }>(
  'assertions.template.unknownVariable',
  {
    en: 'Unknown variable "{name}" in {placeholder}.',
    'zh-CN': '{placeholder} 中的变量 "{name}" 未定义。',
  },
);
export const templateHeaderCharacters = /* @__PURE__ */ defineMessage<{ name: string }>(
  'assertions.template.headerCharacters',
  {
    en: 'Header {name} holds characters a header may not carry once its placeholders are resolved.',
    'zh-CN': '请求头 {name} 在解析占位符后含有请求头不允许的字符。',
  },
);
export const templateBodyTooLarge = /* @__PURE__ */ defineMessage<{ max: number }>('assertions.template.bodyTooLarge', {
  en: 'The request body exceeds {max, number} bytes once its placeholders are resolved.',
  'zh-CN': '解析占位符后，请求体超过 {max, number} 字节。',
});
