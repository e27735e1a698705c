import * as z from 'zod/mini';
import { type LocalizedText, localize, type MessageDefinition } from '#shared/i18n/catalogue';
import { zodMessage } from '#shared/i18n/zod';
import { Cursor, pageOf, ResourceId, Timestamp, text } from '#shared/schemas/common';
import * as s from '#shared/schemas/messages';
import { CaseStatus, TEST_CASE_LIMITS, TestCaseType } from '#shared/schemas/test-results';
import { checkJsonPath } from '#shared/testing/assertions/json-path';
import { patternProblem, schemaPatterns } from '#shared/testing/assertions/patterns';
import { hasPlaceholder, invalidPlaceholder, VAR_NAME } from '#shared/testing/assertions/templates';

// Every module-scope schema is built in a `/* @__PURE__ */` call (each nested call too: esbuild
// drops a pure call only when its arguments are pure), so a Lambda bundle keeps only the schemas
// its route uses and init does not build the others (docs/benchmarks.md, cold start).

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

const checkPlaceholders = /* @__PURE__ */ z.superRefine<string>((value, context) => {
  const placeholder = invalidPlaceholder(value);
  if (placeholder !== undefined)
    context.addIssue({ code: 'custom', message: placeholderMessage(placeholder), input: value });
});

/** A user's regular expression: compiles (Unicode mode), is short, and has no nested repetition. */
export const Pattern = /* @__PURE__ */ z.string().check(
  /* @__PURE__ */ z.superRefine((value, context) => {
    const problem = patternProblem(value);
    if (problem !== undefined) context.addIssue({ code: 'custom', message: localize(problem), input: value });
  }),
);

/** A JSON path in the supported grammar (see shared/testing/assertions/json-path.ts), e.g. `$.items[0].id`. */
export const JsonPathExpression = /* @__PURE__ */ z.string().check(
  /* @__PURE__ */ z.superRefine((value, context) => {
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
export const RequestUrl = /* @__PURE__ */ z.string().check(
  /* @__PURE__ */ z.minLength(1),
  /* @__PURE__ */ z.maxLength(TEST_CASE_LIMITS.urlLength),
  checkPlaceholders,
  /* @__PURE__ */ z.refine((value) => hasPlaceholder(value) || isHttpUrl(value), /* @__PURE__ */ zodMessage(s.httpUrl)),
);

export const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;

/** An RFC 9110 header name (a token). */
export const HeaderName = /* @__PURE__ */ z
  .string()
  .check(
    /* @__PURE__ */ z.maxLength(256),
    /* @__PURE__ */ z.regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, /* @__PURE__ */ zodMessage(s.validHeaderName)),
  );

// What Node accepts in a header value: no CR, LF or other control characters.
const HeaderValue = /* @__PURE__ */ z
  .string()
  .check(
    /* @__PURE__ */ z.maxLength(TEST_CASE_LIMITS.headerValueLength),
    /* @__PURE__ */ z.regex(/^[\t\x20-\x7e\x80-\xff]*$/, /* @__PURE__ */ zodMessage(s.headerValueChars)),
    checkPlaceholders,
  );

// zod reports a bad record key as "Invalid key in record"; say which rule it broke.
const invalidKey = (message: MessageDefinition) => (issue: { code?: string }) =>
  issue.code === 'invalid_key' ? localize(message()) : undefined;

const Headers = /* @__PURE__ */ z
  .record(HeaderName, HeaderValue, { error: /* @__PURE__ */ invalidKey(s.validHeaderName) })
  .check(
    /* @__PURE__ */ z.refine((headers) => Object.keys(headers).length <= TEST_CASE_LIMITS.headers, {
      error: () => localize(s.atMostHeaders({ max: TEST_CASE_LIMITS.headers })),
    }),
    /* @__PURE__ */ z.refine(
      (headers) => new Set(Object.keys(headers).map((name) => name.toLowerCase())).size === Object.keys(headers).length,
      /* @__PURE__ */ zodMessage(s.headerNamesUnique),
    ),
  );

/** The request a case sends. A string body is sent as is; any other JSON value is sent as JSON. */
export const HttpRequestSpec = /* @__PURE__ */ z.strictObject({
  method: /* @__PURE__ */ z.enum(HTTP_METHODS),
  url: RequestUrl,
  headers: /* @__PURE__ */ z.optional(Headers),
  body: /* @__PURE__ */ z.optional(
    /* @__PURE__ */ boundedJson(s.jsonBody, TEST_CASE_LIMITS.bodyBytes, placeholderProblem),
  ),
});
export type HttpRequestSpec = z.infer<typeof HttpRequestSpec>;

// ---------------------------------------------------------------------------------------------
// Assertions

const Operand = /* @__PURE__ */ boundedJson(s.expectedValue, TEST_CASE_LIMITS.operandBytes);

export const StatusAssertion = /* @__PURE__ */ z.strictObject({
  type: /* @__PURE__ */ z.literal('status'),
  equals: /* @__PURE__ */ z.int().check(/* @__PURE__ */ z.minimum(100), /* @__PURE__ */ z.maximum(599)),
});

/** Without `equals` or `matches` it asserts that the header is present. Names are case-insensitive. */
export const HeaderAssertion = /* @__PURE__ */ z
  .strictObject({
    type: /* @__PURE__ */ z.literal('header'),
    name: HeaderName,
    equals: /* @__PURE__ */ z.optional(
      /* @__PURE__ */ z.string().check(/* @__PURE__ */ z.maxLength(TEST_CASE_LIMITS.headerValueLength)),
    ),
    matches: /* @__PURE__ */ z.optional(Pattern),
  })
  .check(
    /* @__PURE__ */ z.refine(
      (assertion) => assertion.equals === undefined || assertion.matches === undefined,
      /* @__PURE__ */ zodMessage(s.equalsOrMatches),
    ),
  );

const JSON_PATH_OPERATORS = ['equals', 'exists', 'matches', 'contains'] as const;

export const JsonPathAssertion = /* @__PURE__ */ z
  .strictObject({
    type: /* @__PURE__ */ z.literal('jsonPath'),
    path: JsonPathExpression,
    equals: /* @__PURE__ */ z.optional(Operand),
    exists: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.boolean()),
    matches: /* @__PURE__ */ z.optional(Pattern),
    contains: /* @__PURE__ */ z.optional(Operand),
  })
  .check(
    /* @__PURE__ */ z.refine(
      (assertion) => JSON_PATH_OPERATORS.filter((operator) => assertion[operator] !== undefined).length === 1,
      /* @__PURE__ */ zodMessage(s.oneJsonPathOperator),
    ),
  );

/** JSON Schema `pattern`s and `patternProperties` keys obey the same rules as `matches`. */
/** The JSON Schema dialects a `jsonSchema` assertion may declare in `$schema`; none means draft-07. */
export const JSON_SCHEMA_DIALECTS = [
  'http://json-schema.org/draft-07/schema',
  'https://json-schema.org/draft/2019-09/schema',
  'https://json-schema.org/draft/2020-12/schema',
] as const;

const JsonSchemaDocument = /* @__PURE__ */ boundedJson(s.jsonSchemaDocument, TEST_CASE_LIMITS.schemaBytes, (schema) => {
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

export const JsonSchemaAssertion = /* @__PURE__ */ z.strictObject({
  type: /* @__PURE__ */ z.literal('jsonSchema'),
  schema: JsonSchemaDocument,
});

export const LatencyAssertion = /* @__PURE__ */ z.strictObject({
  type: /* @__PURE__ */ z.literal('latency'),
  maxMs: /* @__PURE__ */ z
    .int()
    .check(/* @__PURE__ */ z.minimum(1), /* @__PURE__ */ z.maximum(TEST_CASE_LIMITS.latencyMaxMs)),
});

export const Assertion = /* @__PURE__ */ z.discriminatedUnion('type', [
  StatusAssertion,
  HeaderAssertion,
  JsonPathAssertion,
  JsonSchemaAssertion,
  LatencyAssertion,
]);
export type Assertion = z.infer<typeof Assertion>;

const Assertions = /* @__PURE__ */ z.array(Assertion).check(/* @__PURE__ */ z.maxLength(TEST_CASE_LIMITS.assertions));

// ---------------------------------------------------------------------------------------------
// Specs per type

export const ApiSpec = /* @__PURE__ */ z.strictObject({ request: HttpRequestSpec, assertions: Assertions });
export type ApiSpec = z.infer<typeof ApiSpec>;

/** `header:Name` reads a response header; anything else is a JSON path into the response body. */
export const ExtractSource = /* @__PURE__ */ z.string().check(
  /* @__PURE__ */ z.superRefine((value, context) => {
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

const VarName = /* @__PURE__ */ z
  .string()
  .check(/* @__PURE__ */ z.regex(VAR_NAME, /* @__PURE__ */ zodMessage(s.varNameRule)));

export const ScenarioStep = /* @__PURE__ */ z.strictObject({
  name: /* @__PURE__ */ text(100),
  request: HttpRequestSpec,
  extract: /* @__PURE__ */ z.optional(
    /* @__PURE__ */ z.record(VarName, ExtractSource, { error: /* @__PURE__ */ invalidKey(s.varNameRule) }).check(
      /* @__PURE__ */ z.refine((extract) => Object.keys(extract).length <= TEST_CASE_LIMITS.extracts, {
        error: () => localize(s.atMostExtracts({ max: TEST_CASE_LIMITS.extracts })),
      }),
    ),
  ),
  assertions: /* @__PURE__ */ z.optional(Assertions),
});
export type ScenarioStep = z.infer<typeof ScenarioStep>;

export const ScenarioSpec = /* @__PURE__ */ z.strictObject({
  steps: /* @__PURE__ */ z.array(ScenarioStep).check(
    /* @__PURE__ */ z.minLength(1),
    /* @__PURE__ */ z.maxLength(TEST_CASE_LIMITS.steps),
    /* @__PURE__ */ z.refine(
      (steps) => new Set(steps.map((step) => step.name)).size === steps.length,
      /* @__PURE__ */ zodMessage(s.stepNamesUnique),
    ),
  ),
});
export type ScenarioSpec = z.infer<typeof ScenarioSpec>;

// A number with a multipleOf check rather than z.int(): a type failure would make the union
// give up on every option, while a failed check keeps it on the option the keys name, so
// the error points at the field instead of at the whole load.
const bounded = ({ min, max }: { min: number; max: number }) =>
  z.number().check(z.multipleOf(1, zodMessage(s.integer)), z.minimum(min), z.maximum(max));
const Connections = /* @__PURE__ */ bounded(TEST_CASE_LIMITS.connections);
const DurationSeconds = /* @__PURE__ */ bounded(TEST_CASE_LIMITS.durationSeconds);

/** Closed model (fixed connections, for a time or a request count) or open model (arrivals per second). */
export const PerformanceLoad = /* @__PURE__ */ z.union(
  [
    /* @__PURE__ */ z.strictObject({ connections: Connections, durationSeconds: DurationSeconds }),
    /* @__PURE__ */ z.strictObject({
      connections: Connections,
      requests: /* @__PURE__ */ bounded(TEST_CASE_LIMITS.requests),
    }),
    /* @__PURE__ */ z.strictObject({
      arrivalRate: /* @__PURE__ */ bounded(TEST_CASE_LIMITS.arrivalRate),
      durationSeconds: DurationSeconds,
    }),
  ],
  {
    error: () => localize(s.loadShape()),
  },
);
export type PerformanceLoad = z.infer<typeof PerformanceLoad>;

const Milliseconds = /* @__PURE__ */ z
  .number()
  .check(/* @__PURE__ */ z.positive(), /* @__PURE__ */ z.maximum(TEST_CASE_LIMITS.latencyMaxMs));

export const PerformanceThresholds = /* @__PURE__ */ z.strictObject({
  p95Ms: /* @__PURE__ */ z.optional(Milliseconds),
  p99Ms: /* @__PURE__ */ z.optional(Milliseconds),
  maxErrorRate: /* @__PURE__ */ z.optional(
    /* @__PURE__ */ z.number().check(/* @__PURE__ */ z.minimum(0), /* @__PURE__ */ z.maximum(1)),
  ),
  minRps: /* @__PURE__ */ z.optional(
    /* @__PURE__ */ z.number().check(/* @__PURE__ */ z.positive(), /* @__PURE__ */ z.maximum(TEST_CASE_LIMITS.maxRps)),
  ),
});
export type PerformanceThresholds = z.infer<typeof PerformanceThresholds>;

export const PerformanceSpec = /* @__PURE__ */ z.strictObject({
  request: HttpRequestSpec,
  load: PerformanceLoad,
  thresholds: PerformanceThresholds,
});
export type PerformanceSpec = z.infer<typeof PerformanceSpec>;

/** unit / integration / e2e cases are run by CI, which reports their results; they hold no spec. */
export const EmptySpec = /* @__PURE__ */ z.strictObject({});

// ---------------------------------------------------------------------------------------------
// Request bodies

export const TestCaseName = /* @__PURE__ */ text(TEST_CASE_LIMITS.nameLength);

/** Tags are trimmed and lower-cased: `smoke`, `checkout`, `team:payments`. */
export const Tag = /* @__PURE__ */ z
  .string()
  .check(
    /* @__PURE__ */ z.trim(),
    /* @__PURE__ */ z.toLowerCase(),
    /* @__PURE__ */ z.regex(/^[a-z0-9][a-z0-9._:/-]{0,49}$/, /* @__PURE__ */ zodMessage(s.tag)),
  );

const Tags = /* @__PURE__ */ z.array(Tag).check(
  /* @__PURE__ */ z.maxLength(TEST_CASE_LIMITS.tags),
  /* @__PURE__ */ z.refine((tags) => new Set(tags).size === tags.length, /* @__PURE__ */ zodMessage(s.tagsUnique)),
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
export const CreateTestCaseBody = /* @__PURE__ */ z.discriminatedUnion('type', [
  /* @__PURE__ */ createBody('api'),
  /* @__PURE__ */ createBody('scenario'),
  /* @__PURE__ */ createBody('performance'),
  /* @__PURE__ */ z.strictObject({
    name: TestCaseName,
    type: /* @__PURE__ */ z.enum(['unit', 'integration', 'e2e']),
    /** The JUnit classname CI reports it under: classname + name identify it to imports. */
    classname: /* @__PURE__ */ z.optional(
      /* @__PURE__ */ z
        .string()
        .check(/* @__PURE__ */ z.trim(), /* @__PURE__ */ z.minLength(1), /* @__PURE__ */ z.maxLength(500)),
    ),
    tags: /* @__PURE__ */ z.optional(Tags),
    spec: /* @__PURE__ */ z.optional(EmptySpec),
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
export const UpdateTestCaseBody = /* @__PURE__ */ z
  .discriminatedUnion('type', [
    /* @__PURE__ */ updateBody('api'),
    /* @__PURE__ */ updateBody('scenario'),
    /* @__PURE__ */ updateBody('performance'),
    /* @__PURE__ */ z.strictObject({
      type: /* @__PURE__ */ z.enum(['unit', 'integration', 'e2e']),
      name: /* @__PURE__ */ z.optional(TestCaseName),
      tags: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.nullable(Tags)),
      spec: /* @__PURE__ */ z.optional(EmptySpec),
    }),
  ])
  .check(
    /* @__PURE__ */ z.refine(
      (body) => body.name !== undefined || body.tags !== undefined || body.spec !== undefined,
      /* @__PURE__ */ zodMessage(s.updateCaseField),
    ),
  );
export type UpdateTestCaseBody = z.infer<typeof UpdateTestCaseBody>;

// ---------------------------------------------------------------------------------------------
// Views

export const TestCaseParams = /* @__PURE__ */ z.strictObject({ projectId: ResourceId, caseId: ResourceId });

/** `?type=&tag=` narrow the list (newest first). */
export const ListTestCasesQuery = /* @__PURE__ */ z.strictObject({
  limit: /* @__PURE__ */ z._default(
    /* @__PURE__ */ z.coerce
      .number()
      .check(/* @__PURE__ */ z.int(), /* @__PURE__ */ z.minimum(1), /* @__PURE__ */ z.maximum(100)),
    20,
  ),
  cursor: /* @__PURE__ */ z.optional(Cursor),
  type: /* @__PURE__ */ z.optional(TestCaseType),
  tag: /* @__PURE__ */ z.optional(Tag),
});
export type ListTestCasesQuery = z.infer<typeof ListTestCasesQuery>;

export const TestCase = /* @__PURE__ */ z
  .object({
    id: /* @__PURE__ */ z.string(),
    projectId: /* @__PURE__ */ z.string(),
    name: /* @__PURE__ */ z.string(),
    type: TestCaseType,
    tags: /* @__PURE__ */ z.array(/* @__PURE__ */ z.string()),
    spec: /* @__PURE__ */ z.unknown(),
    /** For cases created by a JUnit import: the report's classname (their identity is classname + name). */
    classname: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.string()),
    version: /* @__PURE__ */ z.int(),
    createdBy: /* @__PURE__ */ z.string(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .check(/* @__PURE__ */ z.meta({ id: 'TestCase' }));
export type TestCase = z.infer<typeof TestCase>;
export const TestCasePage = /* @__PURE__ */ pageOf(TestCase);

export const CaseHistoryQuery = /* @__PURE__ */ z.strictObject({
  limit: /* @__PURE__ */ z._default(
    /* @__PURE__ */ z.coerce
      .number()
      .check(/* @__PURE__ */ z.int(), /* @__PURE__ */ z.minimum(1), /* @__PURE__ */ z.maximum(100)),
    20,
  ),
  cursor: /* @__PURE__ */ z.optional(Cursor),
});

/** One past result of a case, newest first. `flaky`: passed after a retry, or contradicted on the same commit. */
export const CaseHistoryEntry = /* @__PURE__ */ z.object({
  runId: /* @__PURE__ */ z.string(),
  status: CaseStatus,
  durationMs: /* @__PURE__ */ z.number(),
  attempts: /* @__PURE__ */ z.int(),
  flaky: /* @__PURE__ */ z.boolean(),
  commit: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.string()),
  branch: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.string()),
  error: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.string()),
  at: Timestamp,
});
export const CaseHistory = /* @__PURE__ */ z.object({
  caseId: /* @__PURE__ */ z.string(),
  /** Whether the returned window shows the case flaky (any entry flaky). */
  flaky: /* @__PURE__ */ z.boolean(),
  passRate: /* @__PURE__ */ z.nullable(/* @__PURE__ */ z.number()),
  items: /* @__PURE__ */ z.array(CaseHistoryEntry),
  nextCursor: /* @__PURE__ */ z.nullable(/* @__PURE__ */ z.string()),
});
