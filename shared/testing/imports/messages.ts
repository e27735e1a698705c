import { defineMessage, type LocalizedText } from '#shared/i18n/catalogue';

// The testing/imports texts a client can read, in every language.

export const titleInvalidJunit = /* @__PURE__ */ defineMessage('testing.imports.titleInvalidJunit', {
  en: 'Invalid JUnit report',
  'zh-CN': '无效的 JUnit 报告',
});

export const importNotFound = /* @__PURE__ */ defineMessage('testing.imports.importNotFound', {
  en: 'No such import in this project.',
  'zh-CN': '此项目中不存在该导入。',
});
export const junitParseDetail = /* @__PURE__ */ defineMessage<{ line: string; column: string; reason: LocalizedText }>(
  'testing.imports.junitParseDetail',
  { en: 'Line {line}, column {column}: {reason}', 'zh-CN': '第 {line} 行，第 {column} 列：{reason}' },
);
export const reportBodyTooLarge = /* @__PURE__ */ defineMessage<{ maxBytes: string }>(
  'testing.imports.reportBodyTooLarge',
  {
    en: 'A report in the request body may have at most {maxBytes} bytes; upload larger ones through POST .../test-runs/imports/uploads.',
    'zh-CN': '请求体中的报告最多 {maxBytes} 字节；更大的报告请通过 POST .../test-runs/imports/uploads 上传。',
  },
);

// Why a JUnit report is refused (the detail above says where: junitParseDetail).
export const junitDoctype = /* @__PURE__ */ defineMessage('testing.imports.junit.doctype', {
  en: 'DOCTYPE declarations are not allowed in a test report (entities are never expanded)',
  'zh-CN': '测试报告中不允许 DOCTYPE 声明（实体永远不会被展开）',
});
export const junitNotXml = /* @__PURE__ */ defineMessage<{ character: string }>('testing.imports.junit.notXml', {
  en: 'not an XML document: it starts with "{character}"',
  'zh-CN': '不是 XML 文档：以 "{character}" 开头',
});
export const junitMismatchedClose = /* @__PURE__ */ defineMessage<{ name: string; line: number; column: number }>(
  'testing.imports.junit.mismatchedClose',
  {
    en: "mismatched closing tag: '<'{name}> opened at line {line}, column {column} must be closed first",
    'zh-CN': "结束标签不匹配：必须先关闭第 {line} 行第 {column} 列打开的 '<'{name}>",
  },
);
export const junitTruncatedElement = /* @__PURE__ */ defineMessage<{ name: string; line: number; column: number }>(
  'testing.imports.junit.truncatedElement',
  {
    en: "the document ends before '<'{name}> opened at line {line}, column {column} is closed (truncated file?)",
    'zh-CN': "文档在第 {line} 行第 {column} 列打开的 '<'{name}> 关闭之前就结束了（文件被截断？）",
  },
);
export const junitTruncatedMarkup = /* @__PURE__ */ defineMessage('testing.imports.junit.truncatedMarkup', {
  en: 'the document ends in the middle of markup (truncated file?)',
  'zh-CN': '文档在标记中间结束（文件被截断？）',
});
export const junitNoRoot = /* @__PURE__ */ defineMessage('testing.imports.junit.noRoot', {
  en: 'the document is empty: no root element',
  'zh-CN': '文档为空：没有根元素',
});
export const junitUndefinedEntity = /* @__PURE__ */ defineMessage('testing.imports.junit.undefinedEntity', {
  en: 'undefined entity: only &amp; &lt; &gt; &quot; &apos; and character references exist',
  'zh-CN': '未定义的实体：只有 &amp; &lt; &gt; &quot; &apos; 和字符引用',
});
export const junitTextOutsideRoot = /* @__PURE__ */ defineMessage('testing.imports.junit.textOutsideRoot', {
  en: 'text outside the root element (is this an XML report?)',
  'zh-CN': '根元素之外有文本（这是 XML 报告吗？）',
});
export const junitSecondRoot = /* @__PURE__ */ defineMessage('testing.imports.junit.secondRoot', {
  en: 'a second root element (several reports concatenated?)',
  'zh-CN': '出现第二个根元素（多个报告被拼接在一起？）',
});
// {reason} is the XML parser's (saxes) own words.
export const junitNotWellFormed = /* @__PURE__ */ defineMessage<{ reason: string }>(
  'testing.imports.junit.notWellFormed',
  {
    en: 'not well-formed XML: {reason}',
    'zh-CN': 'XML 格式不正确：{reason}',
  },
);
export const junitRootElement = /* @__PURE__ */ defineMessage<{ name: string }>('testing.imports.junit.rootElement', {
  en: "the root element must be '<'testsuites> or '<'testsuite>, not '<'{name}>",
  'zh-CN': "根元素必须是 '<'testsuites> 或 '<'testsuite>，而不是 '<'{name}>",
});
export const junitTooDeep = /* @__PURE__ */ defineMessage<{ max: number }>('testing.imports.junit.tooDeep', {
  en: 'elements nested deeper than {max} levels',
  'zh-CN': '元素嵌套超过 {max} 层',
});
export const junitCaseContains = /* @__PURE__ */ defineMessage<{ name: string }>('testing.imports.junit.caseContains', {
  en: "a '<'testcase> cannot contain a '<'{name}>",
  'zh-CN': "'<'testcase> 不能包含 '<'{name}>",
});
export const junitTooManySuites = /* @__PURE__ */ defineMessage('testing.imports.junit.tooManySuites', {
  en: 'too many test suites',
  'zh-CN': '测试套件过多',
});
export const junitTooManyCases = /* @__PURE__ */ defineMessage<{ max: number }>('testing.imports.junit.tooManyCases', {
  en: 'too many test cases: a report may hold at most {max}',
  'zh-CN': '测试用例过多：一份报告最多包含 {max} 个',
});
