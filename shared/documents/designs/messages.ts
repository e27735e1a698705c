import { defineMessage } from '#shared/i18n/catalogue';

// The texts of API designs (tests generated from a design, drift against a live API) a client can read.

export const notOpenApi = /* @__PURE__ */ defineMessage<{ format: string }>('documents.designs.notOpenApi', {
  en: 'The document is written in {format}; test cases and drift need an OpenAPI document (format openapi).',
  'zh-CN': '该文档的格式为 {format}；生成测试用例和漂移检查需要 OpenAPI 文档（format 为 openapi）。',
});

export const storedDesignInvalid = /* @__PURE__ */ defineMessage<{ version: number }>(
  'documents.designs.storedDesignInvalid',
  {
    en: 'Version {version} of the design is not a valid OpenAPI document; save a valid version first.',
    'zh-CN': '设计的第 {version} 版不是有效的 OpenAPI 文档；请先保存一个有效版本。',
  },
);

export const unknownOperation = /* @__PURE__ */ defineMessage<{ operation: string }>(
  'documents.designs.unknownOperation',
  {
    en: 'The design has no operation {operation} (give an operationId or METHOD /path as written).',
    'zh-CN': '设计中没有操作 {operation}（请给出 operationId 或按原文写的 METHOD /path）。',
  },
);

export const noOperations = /* @__PURE__ */ defineMessage('documents.designs.noOperations', {
  en: 'The design documents no success response (an exact 2xx status) to generate a test case from.',
  'zh-CN': '该设计没有可用于生成测试用例的成功响应（确切的 2xx 状态码）。',
});

export const titleDriftSourceUnavailable = /* @__PURE__ */ defineMessage(
  'documents.designs.titleDriftSourceUnavailable',
  {
    en: 'Live API document unavailable',
    'zh-CN': '无法获取线上 API 文档',
  },
);

export const driftFetchFailed = /* @__PURE__ */ defineMessage<{ reason: string }>(
  'documents.designs.driftFetchFailed',
  {
    en: 'The live OpenAPI document could not be fetched: {reason}',
    'zh-CN': '无法获取线上 OpenAPI 文档：{reason}',
  },
);

export const driftStatus = /* @__PURE__ */ defineMessage<{ status: number }>('documents.designs.driftStatus', {
  en: 'the server answered HTTP {status}',
  'zh-CN': '服务器返回 HTTP {status}',
});

export const titleLiveDocumentInvalid = /* @__PURE__ */ defineMessage('documents.designs.titleLiveDocumentInvalid', {
  en: 'Live API document invalid',
  'zh-CN': '线上 API 文档无效',
});

export const liveDocumentInvalid = /* @__PURE__ */ defineMessage<{ count: number }>(
  'documents.designs.liveDocumentInvalid',
  {
    en: 'The document at url is not a valid OpenAPI 3.0 or 3.1 document ({count, plural, one {# problem} other {# problems}}).',
    'zh-CN': 'url 处的文档不是有效的 OpenAPI 3.0 或 3.1 文档（{count, number} 个问题）。',
  },
);

export const liveProblem = /* @__PURE__ */ defineMessage<{ line: number; pointer: string; reason: string }>(
  'documents.designs.liveProblem',
  {
    en: 'line {line} ({pointer}): {reason}',
    'zh-CN': '第 {line} 行（{pointer}）：{reason}',
  },
);
