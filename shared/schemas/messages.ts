import { defineMessage } from '#shared/i18n/catalogue';

// The request schemas' own check messages (zod's built-in rules keep zod's locales).

export const invalidCursor = /* @__PURE__ */ defineMessage('schemas.invalidCursor', {
  en: 'cursor is not a valid cursor',
  'zh-CN': 'cursor 不是有效的游标',
});
export const resourceId = /* @__PURE__ */ defineMessage('schemas.resourceId', {
  en: 'must be a resource id',
  'zh-CN': '必须是资源 ID',
});
export const userId = /* @__PURE__ */ defineMessage('schemas.userId', {
  en: 'must be a user id',
  'zh-CN': '必须是用户 ID',
});
export const version = /* @__PURE__ */ defineMessage('schemas.version', {
  en: 'must be 1-128 letters, digits, . _ + -',
  'zh-CN': '必须是 1-128 个字母、数字或 . _ + -',
});
export const documentRef = /* @__PURE__ */ defineMessage('schemas.documentRef', {
  en: 'must be a document id or its number with the project key, like DE-12',
  'zh-CN': '必须是文档 ID 或带项目键的编号，如 DE-12',
});
export const gitRefName = /* @__PURE__ */ defineMessage('schemas.gitRefName', {
  en: 'must be a branch or tag name like main or release/1.2',
  'zh-CN': '必须是分支或标签名，如 main 或 release/1.2',
});
export const gitRefValid = /* @__PURE__ */ defineMessage('schemas.gitRefValid', {
  en: 'must be a valid git ref: no "..", "//", component starting with "." or ending with ".lock", or trailing "/" or "."',
  'zh-CN': '必须是有效的 git ref：不能包含 ".." 或 "//"，各段不能以 "." 开头或以 ".lock" 结尾，末尾不能是 "/" 或 "."',
});
export const atMost50Parameters = /* @__PURE__ */ defineMessage('schemas.atMost50Parameters', {
  en: 'at most 50 parameters',
  'zh-CN': '最多 50 个参数',
});
export const callbackId = /* @__PURE__ */ defineMessage('schemas.callbackId', {
  en: 'must be a callback id',
  'zh-CN': '必须是回调 ID',
});
export const slug = /* @__PURE__ */ defineMessage('schemas.slug', {
  en: 'must be a lower-case slug of 1-40 letters, digits or dashes',
  'zh-CN': '必须是由 1-40 个小写字母、数字或连字符组成的 slug',
});
export const pathOnly = /* @__PURE__ */ defineMessage('schemas.pathOnly', {
  en: 'must be a path starting with a single / (no host)',
  'zh-CN': '必须是以单个 / 开头的路径（不含主机）',
});
export const definiteJsonPath = /* @__PURE__ */ defineMessage('schemas.definiteJsonPath', {
  en: 'must be a JSON path selecting one value, like $.version',
  'zh-CN': '必须是只选中一个值的 JSON 路径，如 $.version',
});
export const headerName = /* @__PURE__ */ defineMessage('schemas.headerName', {
  en: 'must be a header name',
  'zh-CN': '必须是 header 名称',
});
export const refPattern = /* @__PURE__ */ defineMessage('schemas.refPattern', {
  en: 'must be a branch or tag pattern',
  'zh-CN': '必须是分支或标签模式',
});
export const approversNeeded = /* @__PURE__ */ defineMessage('schemas.approversNeeded', {
  en: 'approvals need approverRoles or approverUserIds',
  'zh-CN': '需要审批时必须给出 approverRoles 或 approverUserIds',
});
export const atLeastOneField = /* @__PURE__ */ defineMessage('schemas.atLeastOneField', {
  en: 'at least one field must be given',
  'zh-CN': '至少需要给出一个字段',
});
export const stageNamesUnique = /* @__PURE__ */ defineMessage('schemas.stageNamesUnique', {
  en: 'stage names must be unique',
  'zh-CN': '阶段名称不能重复',
});
export const projectKey = /* @__PURE__ */ defineMessage('schemas.projectKey', {
  en: 'key must be 2-10 upper-case letters or digits, starting with a letter',
  'zh-CN': 'key 必须是 2-10 个大写字母或数字，并以字母开头',
});
export const httpUrl = /* @__PURE__ */ defineMessage('schemas.httpUrl', {
  en: 'must be an absolute http(s) URL',
  'zh-CN': '必须是绝对 http(s) URL',
});
export const validHeaderName = /* @__PURE__ */ defineMessage('schemas.validHeaderName', {
  en: 'must be a valid header name',
  'zh-CN': '必须是有效的 header 名称',
});
export const headerValueChars = /* @__PURE__ */ defineMessage('schemas.headerValueChars', {
  en: 'must not contain control or non-Latin-1 characters',
  'zh-CN': '不能包含控制字符或非 Latin-1 字符',
});
export const headerNamesUnique = /* @__PURE__ */ defineMessage('schemas.headerNamesUnique', {
  en: 'header names must be unique regardless of case',
  'zh-CN': 'header 名称不区分大小写，不能重复',
});
export const equalsOrMatches = /* @__PURE__ */ defineMessage('schemas.equalsOrMatches', {
  en: 'give equals or matches, not both',
  'zh-CN': 'equals 和 matches 只能给出其一',
});
export const oneJsonPathOperator = /* @__PURE__ */ defineMessage('schemas.oneJsonPathOperator', {
  en: 'give exactly one of equals, exists, matches, contains',
  'zh-CN': 'equals、exists、matches、contains 必须且只能给出其一',
});
export const stepNamesUnique = /* @__PURE__ */ defineMessage('schemas.stepNamesUnique', {
  en: 'step names must be unique',
  'zh-CN': '步骤名称不能重复',
});
export const integer = /* @__PURE__ */ defineMessage('schemas.integer', {
  en: 'must be an integer',
  'zh-CN': '必须是整数',
});
export const loadShape = /* @__PURE__ */ defineMessage('schemas.loadShape', {
  en: "load must be '{'connections, durationSeconds'}', '{'connections, requests'}' or '{'arrivalRate, durationSeconds'}'",
  'zh-CN':
    "load 必须是 '{'connections, durationSeconds'}'、'{'connections, requests'}' 或 '{'arrivalRate, durationSeconds'}'",
});
export const tag = /* @__PURE__ */ defineMessage('schemas.tag', {
  en: 'must be 1-50 letters, digits or . _ : / - (starting with a letter or digit)',
  'zh-CN': '必须是 1-50 个字母、数字或 . _ : / -（以字母或数字开头）',
});
export const tagsUnique = /* @__PURE__ */ defineMessage('schemas.tagsUnique', {
  en: 'tags must be unique',
  'zh-CN': '标签不能重复',
});
export const updateCaseField = /* @__PURE__ */ defineMessage('schemas.updateCaseField', {
  en: 'at least one of name, tags, spec must be given',
  'zh-CN': 'name、tags、spec 至少需要给出一个',
});
export const variableName = /* @__PURE__ */ defineMessage('schemas.variableName', {
  en: 'must be a variable name',
  'zh-CN': '必须是变量名',
});
export const printable200 = /* @__PURE__ */ defineMessage('schemas.printable200', {
  en: 'must be 1-200 printable characters',
  'zh-CN': '必须是 1-200 个可打印字符',
});
export const caseIdsUnique = /* @__PURE__ */ defineMessage('schemas.caseIdsUnique', {
  en: 'caseIds must be unique',
  'zh-CN': 'caseIds 不能重复',
});
export const suiteOrCases = /* @__PURE__ */ defineMessage('schemas.suiteOrCases', {
  en: 'give exactly one of suiteId or caseIds',
  'zh-CN': 'suiteId 和 caseIds 必须且只能给出其一',
});
export const headerExtract = /* @__PURE__ */ defineMessage('schemas.headerExtract', {
  en: 'header: must be followed by a header name',
  'zh-CN': 'header: 后面必须跟 header 名称',
});
export const varNameRule = /* @__PURE__ */ defineMessage('schemas.varNameRule', {
  en: 'must be a variable name: a letter or _, then letters, digits or _ (at most 64)',
  'zh-CN': '必须是变量名：以字母或 _ 开头，后跟字母、数字或 _（最多 64 个）',
});
export const atMostHeaders = /* @__PURE__ */ defineMessage<{ max: number }>('schemas.atMostHeaders', {
  en: 'at most {max} headers',
  'zh-CN': '最多 {max} 个 header',
});
export const atMostExtracts = /* @__PURE__ */ defineMessage<{ max: number }>('schemas.atMostExtracts', {
  en: 'at most {max} extracted variables per step',
  'zh-CN': '每个步骤最多提取 {max} 个变量',
});
export const atMostVariables = /* @__PURE__ */ defineMessage<{ max: number }>('schemas.atMostVariables', {
  en: 'at most {max} variables',
  'zh-CN': '最多 {max} 个变量',
});
export const notAPlaceholder = /* @__PURE__ */ defineMessage<{ placeholder: string }>('schemas.notAPlaceholder', {
  en: "{placeholder} is not a placeholder; use '{{vars.<name>}}' or '{{environment.url}}'",
  'zh-CN': "{placeholder} 不是占位符；请使用 '{{vars.<name>}}' 或 '{{environment.url}}'",
});
export const extractSource = /* @__PURE__ */ defineMessage<{ reason: string }>('schemas.extractSource', {
  en: "must be header:'<'Name> or a JSON path; {reason}",
  'zh-CN': "必须是 header:'<'Name> 或 JSON 路径；{reason}",
});
export const updateSuiteField = /* @__PURE__ */ defineMessage('schemas.updateSuiteField', {
  en: 'at least one of name, caseIds, tags must be given',
  'zh-CN': 'name、caseIds、tags 至少需要给出一个',
});
export const jsonNotFinite = /* @__PURE__ */ defineMessage('schemas.jsonNotFinite', {
  en: 'must be JSON: numbers are finite',
  'zh-CN': '必须是 JSON：数字必须是有限值',
});
export const jsonNotAValue = /* @__PURE__ */ defineMessage('schemas.jsonNotAValue', {
  en: 'must be a JSON value',
  'zh-CN': '必须是 JSON 值',
});
export const jsonTooDeep = /* @__PURE__ */ defineMessage<{ max: number }>('schemas.jsonTooDeep', {
  en: 'nests deeper than {max} levels',
  'zh-CN': '嵌套超过 {max} 层',
});
export const jsonTooLarge = /* @__PURE__ */ defineMessage<{ max: number }>('schemas.jsonTooLarge', {
  en: 'exceeds {max} bytes serialized',
  'zh-CN': '序列化后超过 {max} 字节',
});
export const jsonValueProblem = /* @__PURE__ */ defineMessage<{ what: string; problem: string }>(
  'schemas.jsonValueProblem',
  {
    en: '{what} {problem}',
    'zh-CN': '{what}{problem}',
  },
);
export const jsonBody = /* @__PURE__ */ defineMessage('schemas.jsonBody', { en: 'body', 'zh-CN': 'body ' });
export const expectedValue = /* @__PURE__ */ defineMessage('schemas.expectedValue', {
  en: 'the expected value',
  'zh-CN': '期望值',
});
export const jsonSchemaDocument = /* @__PURE__ */ defineMessage('schemas.jsonSchemaDocument', {
  en: 'schema',
  'zh-CN': 'schema ',
});
export const reportLanguage = /* @__PURE__ */ defineMessage('schemas.reportLanguage', {
  en: 'must be a language Trellis speaks: en or zh-CN',
  'zh-CN': '必须是 Trellis 支持的语言：en 或 zh-CN',
});
export const timeZone = /* @__PURE__ */ defineMessage('schemas.timeZone', {
  en: 'must be an IANA time zone name, like Asia/Shanghai or UTC',
  'zh-CN': '必须是 IANA 时区名称，例如 Asia/Shanghai 或 UTC',
});
export const profileChange = /* @__PURE__ */ defineMessage('schemas.profileChange', {
  en: 'give name, locale or both',
  'zh-CN': '请提供 name、locale 或两者',
});
export const jsonSchemaShape = /* @__PURE__ */ defineMessage('schemas.jsonSchemaShape', {
  en: 'schema must be a JSON Schema object or boolean',
  'zh-CN': 'schema 必须是 JSON Schema 对象或布尔值',
});
export const jsonSchemaDialect = /* @__PURE__ */ defineMessage<{ dialects: string }>('schemas.jsonSchemaDialect', {
  en: 'schema $schema must be one of {dialects}',
  'zh-CN': 'schema 的 $schema 必须是以下之一：{dialects}',
});
export const jsonSchemaPattern = /* @__PURE__ */ defineMessage<{ problem: string; pattern: string }>(
  'schemas.jsonSchemaPattern',
  {
    en: 'schema {problem}: {pattern}',
    'zh-CN': 'schema 中的{problem}：{pattern}',
  },
);
export const snapshotPath = /* @__PURE__ */ defineMessage('schemas.snapshotPath', {
  en: 'must be a relative path of the snapshot, without empty or ".." segments',
  'zh-CN': '必须是快照中的相对路径，不能包含空段或 ".." 段',
});

// Documents: API designs and attachments (issue 11, docs-designs)
export const attachmentFileName = /* @__PURE__ */ defineMessage('schemas.attachmentFileName', {
  en: 'must be a file name without / or \\ or control characters',
  'zh-CN': '必须是不含 /、\\ 或控制字符的文件名',
});
export const operationRef = /* @__PURE__ */ defineMessage('schemas.operationRef', {
  en: 'must be an operationId or METHOD /path, like listPets or GET /pets',
  'zh-CN': '必须是 operationId 或 METHOD /path，如 listPets 或 GET /pets',
});
// Document templates and links (issue 11, docs-links).
export const templateRef = /* @__PURE__ */ defineMessage('schemas.templateRef', {
  en: 'must be a template id or a built-in template id like builtin-requirement',
  'zh-CN': '必须是模板 ID 或内置模板 ID，如 builtin-requirement',
});
export const criterionId = /* @__PURE__ */ defineMessage('schemas.criterionId', {
  en: 'must be an acceptance criterion id like AC-3',
  'zh-CN': '必须是验收标准 ID，如 AC-3',
});
// search (issue 11)
export const searchTypes = /* @__PURE__ */ defineMessage('schemas.searchTypes', {
  en: 'must be a comma-separated list of document, testCase, testSuite, pipeline, environment, deployment, analysis',
  'zh-CN': '必须是以逗号分隔的 document、testCase、testSuite、pipeline、environment、deployment、analysis 列表',
});
export const searchQuery = /* @__PURE__ */ defineMessage('schemas.searchQuery', {
  en: 'must hold at least one letter, digit or CJK character',
  'zh-CN': '必须至少包含一个字母、数字或中日韩文字',
});
