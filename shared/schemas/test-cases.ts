import * as z from 'zod/mini';
import { type LocalizedText, localize, type MessageDefinition } from '#shared/i18n/catalogue';
import { zodMessage } from '#shared/i18n/zod';
import { Cursor, pageOf, ResourceId, Timestamp, text } from '#shared/schemas/common';
import * as s from '#shared/schemas/messages';
import { CaseStatus, TEST_CASE_LIMITS, TestCaseType } from '#shared/schemas/test-results';
import { checkJsonPath } from '#shared/testing/assertions/json-path';
import { patternProblem, schemaPatterns } from '#shared/testing/assertions/patterns';
import { hasPlaceholder, invalidPlaceholder, VAR_NAME } from '#shared/testing/assertions/templates';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

// ---------------------------------------------------------------------------------------------
// Building blocks

/**
 * Why `value` is not plain JSON nested at most `maxDepth` deep, or undefined. Iterative, so
 * a hostile million-deep array cannot overflow the stack (zod's own recursion would).
 */
function jsonProblem(value: unknown, maxDepth: number): LocalizedText | undefined {
  const pending: [unknown, number][] = [[value, 0]];
  for (let entry = pending.pop(); entry !== undefined; entry = pending.pop()) {
    const [item, depth] = entry;
    if (item === null || typeof item === 'string' || typeof item === 'boolean') continue;
    if (typeof item === 'number') {
      if (!Number.isFinite(item)) return s.jsonNotFinite();
      continue;
    }
    if (typeof item !== 'object') return s.jsonNotAValue();
    if (depth >= maxDepth) return s.jsonTooDeep({ max: maxDepth });
    for (const child of Array.isArray(item) ? item : Object.values(item)) pending.push([child, depth + 1]);
  }
  return undefined;
}

function* stringsIn(value: unknown): Generator<string> {
  const pending: unknown[] = [value];
  for (let item = pending.pop(); item !== undefined || pending.length > 0; item = pending.pop()) {
    if (typeof item === 'string') yield item;
    else if (Array.isArray(item)) pending.push(...item);
    else if (item !== null && typeof item === 'object') {
      for (const [key, child] of Object.entries(item)) pending.push(key, child);
    }
  }
}

function placeholderMessage(placeholder: string): string {
  return localize(s.notAPlaceholder({ placeholder }));
}

/**
 * Any JSON value within the depth limit and `maxBytes` serialized, for which `rule` (when
 * given) finds no problem.
 */
function boundedJson(what: MessageDefinition, maxBytes: number, rule?: (value: JsonValue) => string | undefined) {
  return z.custom<JsonValue>().check(
    z.superRefine((value, context) => {
      const depthProblem = jsonProblem(value, TEST_CASE_LIMITS.jsonDepth);
      const problem = depthProblem === undefined ? sizeProblem(value as JsonValue, maxBytes) : depthProblem;
      const message =
        problem === undefined
          ? rule?.(value as JsonValue)
          : localize(s.jsonValueProblem({ what: localize(what()), problem: localize(problem) }));
      if (message !== undefined) context.addIssue({ code: 'custom', message, input: value });
    }),
  );
}

function sizeProblem(value: JsonValue, maxBytes: number): LocalizedText | undefined {
  const bytes = Buffer.byteLength(typeof value === 'string' ? value : JSON.stringify(value));
  return bytes > maxBytes ? s.jsonTooLarge({ max: maxBytes }) : undefined;
}

function placeholderProblem(value: JsonValue): string | undefined {
  for (const string of stringsIn(value)) {
    const placeholder = invalidPlaceholder(string);
    if (placeholder !== undefined) return placeholderMessage(placeholder);
  }
  return undefined;
}

const checkPlaceholders = z.superRefine<string>((value, context) => {
  const placeholder = invalidPlaceholder(value);
  if (placeholder !== undefined)
    context.addIssue({ code: 'custom', message: placeholderMessage(placeholder), input: value });
});

/** A user's regular expression: compiles (Unicode mode), is short, and has no nested repetition. */
export const Pattern = z.string().check(
  z.superRefine((value, context) => {
    const problem = patternProblem(value);
    if (problem !== undefined) context.addIssue({ code: 'custom', message: localize(problem), input: value });
  }),
);

/** A JSON path in the supported grammar (see shared/testing/assertions/json-path.ts), e.g. `$.items[0].id`. */
export const JsonPathExpression = z.string().check(
  z.superRefine((value, context) => {
    const check = checkJsonPath(value);
    if (!check.ok) context.addIssue({ code: 'custom', message: localize(check.reason), input: value });
  }),
);

const isHttpUrl = (value: string) => {
  if (!URL.canParse(value)) return false;
  const { protocol } = new URL(value);
  return protocol === 'http:' || protocol === 'https:';
};

/** An absolute http(s) URL, or a URL built from placeholders (`{{environment.url}}/health`), checked once rendered. */
export const RequestUrl = z.string().check(
  z.minLength(1),
  z.maxLength(TEST_CASE_LIMITS.urlLength),
  checkPlaceholders,
  z.refine((value) => hasPlaceholder(value) || isHttpUrl(value), zodMessage(s.httpUrl)),
);

export const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;

/** An RFC 9110 header name (a token). */
export const HeaderName = z
  .string()
  .check(z.maxLength(256), z.regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, zodMessage(s.validHeaderName)));

// What Node accepts in a header value: no CR, LF or other control characters.
const HeaderValue = z
  .string()
  .check(
    z.maxLength(TEST_CASE_LIMITS.headerValueLength),
    z.regex(/^[\t\x20-\x7e\x80-\xff]*$/, zodMessage(s.headerValueChars)),
    checkPlaceholders,
  );

// zod reports a bad record key as "Invalid key in record"; say which rule it broke.
const invalidKey = (message: MessageDefinition) => (issue: { code?: string }) =>
  issue.code === 'invalid_key' ? localize(message()) : undefined;

const Headers = z.record(HeaderName, HeaderValue, { error: invalidKey(s.validHeaderName) }).check(
  z.refine((headers) => Object.keys(headers).length <= TEST_CASE_LIMITS.headers, {
    error: () => localize(s.atMostHeaders({ max: TEST_CASE_LIMITS.headers })),
  }),
  z.refine(
    (headers) => new Set(Object.keys(headers).map((name) => name.toLowerCase())).size === Object.keys(headers).length,
    zodMessage(s.headerNamesUnique),
  ),
);

/** The request a case sends. A string body is sent as is; any other JSON value is sent as JSON. */
export const HttpRequestSpec = z.strictObject({
  method: z.enum(HTTP_METHODS),
  url: RequestUrl,
  headers: z.optional(Headers),
  body: z.optional(boundedJson(s.jsonBody, TEST_CASE_LIMITS.bodyBytes, placeholderProblem)),
});
export type HttpRequestSpec = z.infer<typeof HttpRequestSpec>;

// ---------------------------------------------------------------------------------------------
// Assertions

const Operand = boundedJson(s.expectedValue, TEST_CASE_LIMITS.operandBytes);

export const StatusAssertion = z.strictObject({
  type: z.literal('status'),
  equals: z.int().check(z.minimum(100), z.maximum(599)),
});

/** Without `equals` or `matches` it asserts that the header is present. Names are case-insensitive. */
export const HeaderAssertion = z
  .strictObject({
    type: z.literal('header'),
    name: HeaderName,
    equals: z.optional(z.string().check(z.maxLength(TEST_CASE_LIMITS.headerValueLength))),
    matches: z.optional(Pattern),
  })
  .check(
    z.refine(
      (assertion) => assertion.equals === undefined || assertion.matches === undefined,
      zodMessage(s.equalsOrMatches),
    ),
  );

const JSON_PATH_OPERATORS = ['equals', 'exists', 'matches', 'contains'] as const;

export const JsonPathAssertion = z
  .strictObject({
    type: z.literal('jsonPath'),
    path: JsonPathExpression,
    equals: z.optional(Operand),
    exists: z.optional(z.boolean()),
    matches: z.optional(Pattern),
    contains: z.optional(Operand),
  })
  .check(
    z.refine(
      (assertion) => JSON_PATH_OPERATORS.filter((operator) => assertion[operator] !== undefined).length === 1,
      zodMessage(s.oneJsonPathOperator),
    ),
  );

/** JSON Schema `pattern`s and `patternProperties` keys obey the same rules as `matches`. */
/** The JSON Schema dialects a `jsonSchema` assertion may declare in `$schema`; none means draft-07. */
export const JSON_SCHEMA_DIALECTS = [
  'http://json-schema.org/draft-07/schema',
  'https://json-schema.org/draft/2019-09/schema',
  'https://json-schema.org/draft/2020-12/schema',
] as const;

const JsonSchemaDocument = boundedJson(s.jsonSchemaDocument, TEST_CASE_LIMITS.schemaBytes, (schema) => {
  if (typeof schema !== 'boolean' && (schema === null || typeof schema !== 'object' || Array.isArray(schema))) {
    return localize(s.jsonSchemaShape());
  }
  const dialect = typeof schema === 'object' ? schema.$schema : undefined;
  if (dialect !== undefined && !JSON_SCHEMA_DIALECTS.some((known) => dialect === known || dialect === `${known}#`)) {
    return localize(s.jsonSchemaDialect({ dialects: JSON_SCHEMA_DIALECTS.join(', ') }));
  }
  for (const pattern of schemaPatterns(schema)) {
    const problem = patternProblem(pattern);
    if (problem !== undefined) {
      return localize(s.jsonSchemaPattern({ problem: localize(problem), pattern: pattern.slice(0, 100) }));
    }
  }
  return undefined;
});

export const JsonSchemaAssertion = z.strictObject({ type: z.literal('jsonSchema'), schema: JsonSchemaDocument });

export const LatencyAssertion = z.strictObject({
  type: z.literal('latency'),
  maxMs: z.int().check(z.minimum(1), z.maximum(TEST_CASE_LIMITS.latencyMaxMs)),
});

export const Assertion = z.discriminatedUnion('type', [
  StatusAssertion,
  HeaderAssertion,
  JsonPathAssertion,
  JsonSchemaAssertion,
  LatencyAssertion,
]);
export type Assertion = z.infer<typeof Assertion>;

const Assertions = z.array(Assertion).check(z.maxLength(TEST_CASE_LIMITS.assertions));

// ---------------------------------------------------------------------------------------------
// Specs per type

export const ApiSpec = z.strictObject({ request: HttpRequestSpec, assertions: Assertions });
export type ApiSpec = z.infer<typeof ApiSpec>;

/** `header:Name` reads a response header; anything else is a JSON path into the response body. */
export const ExtractSource = z.string().check(
  z.superRefine((value, context) => {
    if (value.startsWith('header:')) {
      if (!HeaderName.safeParse(value.slice('header:'.length)).success) {
        context.addIssue({ code: 'custom', message: localize(s.headerExtract()), input: value });
      }
      return;
    }
    const check = checkJsonPath(value);
    if (!check.ok) {
      context.addIssue({
        code: 'custom',
        message: localize(s.extractSource({ reason: localize(check.reason) })),
        input: value,
      });
    }
  }),
);

const VarName = z.string().check(z.regex(VAR_NAME, zodMessage(s.varNameRule)));

export const ScenarioStep = z.strictObject({
  name: text(100),
  request: HttpRequestSpec,
  extract: z.optional(
    z.record(VarName, ExtractSource, { error: invalidKey(s.varNameRule) }).check(
      z.refine((extract) => Object.keys(extract).length <= TEST_CASE_LIMITS.extracts, {
        error: () => localize(s.atMostExtracts({ max: TEST_CASE_LIMITS.extracts })),
      }),
    ),
  ),
  assertions: z.optional(Assertions),
});
export type ScenarioStep = z.infer<typeof ScenarioStep>;

export const ScenarioSpec = z.strictObject({
  steps: z.array(ScenarioStep).check(
    z.minLength(1),
    z.maxLength(TEST_CASE_LIMITS.steps),
    z.refine((steps) => new Set(steps.map((step) => step.name)).size === steps.length, zodMessage(s.stepNamesUnique)),
  ),
});
export type ScenarioSpec = z.infer<typeof ScenarioSpec>;

// A number with a multipleOf check rather than z.int(): a type failure would make the union
// give up on every option, while a failed check keeps it on the option the keys name, so
// the error points at the field instead of at the whole load.
const bounded = ({ min, max }: { min: number; max: number }) =>
  z.number().check(z.multipleOf(1, zodMessage(s.integer)), z.minimum(min), z.maximum(max));
const Connections = bounded(TEST_CASE_LIMITS.connections);
const DurationSeconds = bounded(TEST_CASE_LIMITS.durationSeconds);

/** Closed model (fixed connections, for a time or a request count) or open model (arrivals per second). */
export const PerformanceLoad = z.union(
  [
    z.strictObject({ connections: Connections, durationSeconds: DurationSeconds }),
    z.strictObject({ connections: Connections, requests: bounded(TEST_CASE_LIMITS.requests) }),
    z.strictObject({ arrivalRate: bounded(TEST_CASE_LIMITS.arrivalRate), durationSeconds: DurationSeconds }),
  ],
  {
    error: () => localize(s.loadShape()),
  },
);
export type PerformanceLoad = z.infer<typeof PerformanceLoad>;

const Milliseconds = z.number().check(z.positive(), z.maximum(TEST_CASE_LIMITS.latencyMaxMs));

export const PerformanceThresholds = z.strictObject({
  p95Ms: z.optional(Milliseconds),
  p99Ms: z.optional(Milliseconds),
  maxErrorRate: z.optional(z.number().check(z.minimum(0), z.maximum(1))),
  minRps: z.optional(z.number().check(z.positive(), z.maximum(TEST_CASE_LIMITS.maxRps))),
});
export type PerformanceThresholds = z.infer<typeof PerformanceThresholds>;

export const PerformanceSpec = z.strictObject({
  request: HttpRequestSpec,
  load: PerformanceLoad,
  thresholds: PerformanceThresholds,
});
export type PerformanceSpec = z.infer<typeof PerformanceSpec>;

/** unit / integration / e2e cases are run by CI, which reports their results; they hold no spec. */
export const EmptySpec = z.strictObject({});

// ---------------------------------------------------------------------------------------------
// Request bodies

export const TestCaseName = text(TEST_CASE_LIMITS.nameLength);

/** Tags are trimmed and lower-cased: `smoke`, `checkout`, `team:payments`. */
export const Tag = z
  .string()
  .check(z.trim(), z.toLowerCase(), z.regex(/^[a-z0-9][a-z0-9._:/-]{0,49}$/, zodMessage(s.tag)));

const Tags = z.array(Tag).check(
  z.maxLength(TEST_CASE_LIMITS.tags),
  z.refine((tags) => new Set(tags).size === tags.length, zodMessage(s.tagsUnique)),
);

const SPEC_BY_TYPE = { api: ApiSpec, scenario: ScenarioSpec, performance: PerformanceSpec } as const;

function createBody<T extends keyof typeof SPEC_BY_TYPE>(type: T) {
  return z.strictObject({
    name: TestCaseName,
    type: z.literal(type),
    tags: z.optional(Tags),
    spec: SPEC_BY_TYPE[type],
  });
}

/** POST body of a test case: its `spec` is validated by its `type`. */
export const CreateTestCaseBody = z.discriminatedUnion('type', [
  createBody('api'),
  createBody('scenario'),
  createBody('performance'),
  z.strictObject({
    name: TestCaseName,
    type: z.enum(['unit', 'integration', 'e2e']),
    /** The JUnit classname CI reports it under: classname + name identify it to imports. */
    classname: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(500))),
    tags: z.optional(Tags),
    spec: z.optional(EmptySpec),
  }),
]);
export type CreateTestCaseBody = z.infer<typeof CreateTestCaseBody>;

function updateBody<T extends keyof typeof SPEC_BY_TYPE>(type: T) {
  return z.strictObject({
    type: z.literal(type),
    name: z.optional(TestCaseName),
    tags: z.optional(z.nullable(Tags)),
    spec: z.optional(SPEC_BY_TYPE[type]),
  });
}

/**
 * PATCH body of a test case. `type` is required and must be the case's own (a case does not
 * change type; the handler refuses a mismatch): it says how `spec` is validated. A given
 * `spec` replaces the stored one whole; `tags: null` removes the tags.
 */
export const UpdateTestCaseBody = z
  .discriminatedUnion('type', [
    updateBody('api'),
    updateBody('scenario'),
    updateBody('performance'),
    z.strictObject({
      type: z.enum(['unit', 'integration', 'e2e']),
      name: z.optional(TestCaseName),
      tags: z.optional(z.nullable(Tags)),
      spec: z.optional(EmptySpec),
    }),
  ])
  .check(
    z.refine(
      (body) => body.name !== undefined || body.tags !== undefined || body.spec !== undefined,
      zodMessage(s.updateCaseField),
    ),
  );
export type UpdateTestCaseBody = z.infer<typeof UpdateTestCaseBody>;

// ---------------------------------------------------------------------------------------------
// Views

export const TestCaseParams = z.strictObject({ projectId: ResourceId, caseId: ResourceId });

/** `?type=&tag=` narrow the list (newest first). */
export const ListTestCasesQuery = z.strictObject({
  limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(100)), 20),
  cursor: z.optional(Cursor),
  type: z.optional(TestCaseType),
  tag: z.optional(Tag),
});
export type ListTestCasesQuery = z.infer<typeof ListTestCasesQuery>;

export const TestCase = z
  .object({
    id: z.string(),
    projectId: z.string(),
    name: z.string(),
    type: TestCaseType,
    tags: z.array(z.string()),
    spec: z.unknown(),
    /** For cases created by a JUnit import: the report's classname (their identity is classname + name). */
    classname: z.optional(z.string()),
    version: z.int(),
    createdBy: z.string(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .check(z.meta({ id: 'TestCase' }));
export type TestCase = z.infer<typeof TestCase>;
export const TestCasePage = pageOf(TestCase);

export const CaseHistoryQuery = z.strictObject({
  limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(100)), 20),
  cursor: z.optional(Cursor),
});

/** One past result of a case, newest first. `flaky`: passed after a retry, or contradicted on the same commit. */
export const CaseHistoryEntry = z.object({
  runId: z.string(),
  status: CaseStatus,
  durationMs: z.number(),
  attempts: z.int(),
  flaky: z.boolean(),
  commit: z.optional(z.string()),
  branch: z.optional(z.string()),
  error: z.optional(z.string()),
  at: Timestamp,
});
export const CaseHistory = z.object({
  caseId: z.string(),
  /** Whether the returned window shows the case flaky (any entry flaky). */
  flaky: z.boolean(),
  passRate: z.nullable(z.number()),
  items: z.array(CaseHistoryEntry),
  nextCursor: z.nullable(z.string()),
});
