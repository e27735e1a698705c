import * as z from 'zod/mini';
import type { RecordedText } from '#shared/i18n/stored';
import { schemaOnFirstUse } from '#shared/schemas/lazy';

// Every module-scope schema is built in a `/* @__PURE__ */` call (each nested call too: esbuild
// drops a pure call only when its arguments are pure), so a Lambda bundle keeps only the schemas
// its route uses and init does not build the others (docs/benchmarks.md, cold start).

// What a test run records, split from test-cases.ts so that runs, imports and events (every
// function that publishes one) build these few schemas without the case spec schemas, whose
// checks load RE2 (WebAssembly) and the JSONPath parser at init (docs/benchmarks.md, section 2).

/** The bounds a test case is saved within; the runner relies on them. */
export const TEST_CASE_LIMITS = {
  nameLength: 200,
  tags: 20,
  urlLength: 2048,
  headers: 50,
  headerValueLength: 8192,
  bodyBytes: 256 * 1024,
  assertions: 50,
  steps: 50,
  extracts: 20,
  /** `equals` / `contains` operands. */
  operandBytes: 64 * 1024,
  schemaBytes: 64 * 1024,
  jsonDepth: 64,
  latencyMaxMs: 300_000,
  connections: { min: 1, max: 200 },
  durationSeconds: { min: 1, max: 300 },
  requests: { min: 1, max: 100_000 },
  arrivalRate: { min: 1, max: 5_000 },
  maxRps: 1_000_000,
  /**
   * The whole case as stored (every field within its own bound can still add up past
   * DynamoDB's 400 KB item limit): 16 KB of headroom under it.
   */
  itemBytes: 384 * 1024,
} as const;

export const TEST_CASE_TYPES = ['api', 'scenario', 'performance', 'unit', 'integration', 'e2e'] as const;
export const TestCaseType = /* @__PURE__ */ z.enum(TEST_CASE_TYPES);
export type TestCaseType = z.infer<typeof TestCaseType>;

export const CASE_STATUSES = ['passed', 'failed', 'errored', 'skipped'] as const;
export const CaseStatus = /* @__PURE__ */ z.enum(CASE_STATUSES);
export type CaseStatus = z.infer<typeof CaseStatus>;

/** Room for every assertion of every step of the largest scenario, plus its extractions. */
export const MAX_RESULT_ASSERTIONS = 5_000;

/** One assertion (or extraction, or threshold) as evaluated; expected/actual are truncated for display. */
export const AssertionResult = /* @__PURE__ */ z.strictObject({
  type: /* @__PURE__ */ z.string().check(/* @__PURE__ */ z.minLength(1), /* @__PURE__ */ z.maxLength(64)),
  passed: /* @__PURE__ */ z.boolean(),
  expected: /* @__PURE__ */ z.unknown(),
  actual: /* @__PURE__ */ z.unknown(),
  message: /* @__PURE__ */ z.string().check(/* @__PURE__ */ z.maxLength(2000)),
});
export type AssertionResult = z.infer<typeof AssertionResult>;
/** An assertion result as a run records it: its message is worded when read (shared/i18n/stored.ts). */
export type RecordedAssertion = Omit<AssertionResult, 'message'> & { message: RecordedText };

const NonNegative = /* @__PURE__ */ z.number().check(/* @__PURE__ */ z.minimum(0));

/** Bodies a failed result shows of the request it sent and the response it got. */
export const MAX_EXCHANGE_BODY_BYTES = 8 * 1024;

/** The request a failed or errored api/scenario case sent: placeholders resolved, secrets masked. */
export const ExchangedRequest = /* @__PURE__ */ z
  .strictObject({
    method: /* @__PURE__ */ z.string(),
    url: /* @__PURE__ */ z.string(),
    headers: /* @__PURE__ */ z.record(/* @__PURE__ */ z.string(), /* @__PURE__ */ z.string()),
    body: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.string()),
    /** The body was longer than MAX_EXCHANGE_BODY_BYTES and is cut there. */
    bodyTruncated: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.boolean()),
  })
  .check(/* @__PURE__ */ z.meta({ id: 'ExchangedRequest' }));
export type ExchangedRequest = z.infer<typeof ExchangedRequest>;

/** The response that failed a case: status, headers (secrets masked), body up to MAX_EXCHANGE_BODY_BYTES. */
export const ExchangedResponse = /* @__PURE__ */ z
  .strictObject({
    status: /* @__PURE__ */ z.int(),
    headers: /* @__PURE__ */ z.record(/* @__PURE__ */ z.string(), /* @__PURE__ */ z.string()),
    body: /* @__PURE__ */ z.string(),
    truncated: /* @__PURE__ */ z.boolean(),
  })
  .check(/* @__PURE__ */ z.meta({ id: 'ExchangedResponse' }));
export type ExchangedResponse = z.infer<typeof ExchangedResponse>;

export const CaseMetrics = /* @__PURE__ */ z.strictObject({
  requests: /* @__PURE__ */ z.int().check(/* @__PURE__ */ z.minimum(0)),
  rps: NonNegative,
  errorRate: /* @__PURE__ */ z.number().check(/* @__PURE__ */ z.minimum(0), /* @__PURE__ */ z.maximum(1)),
  latency: /* @__PURE__ */ z.strictObject({
    p50: NonNegative,
    p90: NonNegative,
    p95: NonNegative,
    p99: NonNegative,
    max: NonNegative,
  }),
});
export type CaseMetrics = z.infer<typeof CaseMetrics>;

/**
 * The outcome of running one case. `errored`: the case could not run (target unreachable,
 * bad template); `failed`: it ran and an assertion or threshold did not hold.
 */
export const CaseResult = /* @__PURE__ */ z
  .strictObject({
    caseId: /* @__PURE__ */ z.string().check(/* @__PURE__ */ z.minLength(1), /* @__PURE__ */ z.maxLength(128)),
    name: /* @__PURE__ */ z.string().check(/* @__PURE__ */ z.maxLength(TEST_CASE_LIMITS.nameLength)),
    type: TestCaseType,
    status: CaseStatus,
    attempts: /* @__PURE__ */ z.int().check(/* @__PURE__ */ z.minimum(0)),
    durationMs: NonNegative,
    assertions: /* @__PURE__ */ z.array(AssertionResult).check(/* @__PURE__ */ z.maxLength(MAX_RESULT_ASSERTIONS)),
    metrics: /* @__PURE__ */ z.optional(CaseMetrics),
    error: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.string().check(/* @__PURE__ */ z.maxLength(2000))),
    /** Failed or errored api/scenario cases: the request that failed (of a scenario, the failing step's). */
    request: /* @__PURE__ */ z.optional(ExchangedRequest),
    /** ... and its response, when one came. */
    response: /* @__PURE__ */ z.optional(ExchangedResponse),
  })
  .check(/* @__PURE__ */ z.meta({ id: 'CaseResult' }));
export type CaseResult = z.infer<typeof CaseResult>;
/** A case result as a run records it: assertion messages and the error are worded when read. */
export type RecordedCaseResult = Omit<CaseResult, 'assertions' | 'error'> & {
  assertions: RecordedAssertion[];
  error?: RecordedText;
};

/** A run's counts, as the run view and the `Test Run Completed` event carry them. */
/** TestRunSummary, built on first call: the event catalogue names it without building it at init. */
export const testRunSummarySchema = /* @__PURE__ */ schemaOnFirstUse(() =>
  /* @__PURE__ */ z.object({
    total: /* @__PURE__ */ z.int(),
    passed: /* @__PURE__ */ z.int(),
    failed: /* @__PURE__ */ z.int(),
    errored: /* @__PURE__ */ z.int(),
    skipped: /* @__PURE__ */ z.int(),
    flaky: /* @__PURE__ */ z.int(),
    /** passed / (total − skipped), null when nothing ran. */
    passRate: /* @__PURE__ */ z.nullable(/* @__PURE__ */ z.number()),
    durationMs: /* @__PURE__ */ z.number(),
  }),
);
export const TestRunSummary = /* @__PURE__ */ testRunSummarySchema();
export type TestRunSummary = z.infer<typeof TestRunSummary>;
