import * as z from 'zod/mini';
import { localize } from '#shared/i18n/catalogue';
import { LOCALES, parseLocale } from '#shared/i18n/locale';
import { zodMessage } from '#shared/i18n/zod';
import { Cursor, PresignedUrl, pageOf, ResourceId, Timestamp } from '#shared/schemas/common';
import { VersionLabel } from '#shared/schemas/deployments';
import * as s from '#shared/schemas/messages';
import { CaseMetrics, CaseResult, CaseStatus, TestCaseType, TestRunSummary } from '#shared/schemas/test-results';

// Every module-scope schema is built in a `/* @__PURE__ */` call (each nested call too: esbuild
// drops a pure call only when its arguments are pure), so a Lambda bundle keeps only the schemas
// its route uses and init does not build the others (docs/benchmarks.md, cold start).

export { TestRunSummary };

import { VAR_NAME } from '#shared/testing/assertions/templates';

export const TEST_RUN_STATUSES = ['queued', 'running', 'passed', 'failed', 'errored'] as const;
export const TestRunStatus = /* @__PURE__ */ z.enum(TEST_RUN_STATUSES);
export type TestRunStatus = z.infer<typeof TestRunStatus>;
export const FINISHED_RUN_STATUSES: ReadonlySet<TestRunStatus> = /* @__PURE__ */ new Set([
  'passed',
  'failed',
  'errored',
]);

export const TEST_RUN_LIMITS = {
  /** Cases Trellis executes in one run (the Map's items); imported runs go up to the parser's limit. */
  executableCases: 1_000,
  caseIds: 1_000,
  vars: 50,
  varValueLength: 4_096,
  retries: 5,
  /** Results returned inline by GET .../test-runs/{runId}; the rest through `.../results`. */
  inlineResults: 100,
} as const;

const Vars = /* @__PURE__ */ z
  .record(
    /* @__PURE__ */ z.string().check(/* @__PURE__ */ z.regex(VAR_NAME, /* @__PURE__ */ zodMessage(s.variableName))),
    /* @__PURE__ */ z.string().check(/* @__PURE__ */ z.maxLength(TEST_RUN_LIMITS.varValueLength)),
  )
  .check(
    /* @__PURE__ */ z.refine((vars) => Object.keys(vars).length <= TEST_RUN_LIMITS.vars, {
      error: () => localize(s.atMostVariables({ max: TEST_RUN_LIMITS.vars })),
    }),
  );

// Printable: no control characters (checked by code point, which keeps the regex plain).
const hasControlCharacter = (value: string) => [...value].some((char) => (char.codePointAt(0) ?? 0) < 0x20);
const ImportLabel = /* @__PURE__ */ z.string().check(
  /* @__PURE__ */ z.regex(/^\S.{0,199}$/u, /* @__PURE__ */ zodMessage(s.printable200)),
  /* @__PURE__ */ z.refine((value) => !hasControlCharacter(value), /* @__PURE__ */ zodMessage(s.printable200)),
);

/** Either a suite or an explicit list of cases. */
export const CreateTestRunBody = /* @__PURE__ */ z
  .strictObject({
    suiteId: /* @__PURE__ */ z.optional(ResourceId),
    caseIds: /* @__PURE__ */ z.optional(
      /* @__PURE__ */ z.array(ResourceId).check(
        /* @__PURE__ */ z.minLength(1),
        /* @__PURE__ */ z.maxLength(TEST_RUN_LIMITS.caseIds),
        /* @__PURE__ */ z.refine(
          (ids) => new Set(ids).size === ids.length,
          /* @__PURE__ */ zodMessage(s.caseIdsUnique),
        ),
      ),
    ),
    environmentId: /* @__PURE__ */ z.optional(ResourceId),
    vars: /* @__PURE__ */ z.optional(Vars),
    retries: /* @__PURE__ */ z._default(
      /* @__PURE__ */ z.int().check(/* @__PURE__ */ z.minimum(0), /* @__PURE__ */ z.maximum(TEST_RUN_LIMITS.retries)),
      0,
    ),
    /** What is under test: a case that passes and fails on the same commit is flaky. */
    commit: /* @__PURE__ */ z.optional(VersionLabel),
    branch: /* @__PURE__ */ z.optional(ImportLabel),
  })
  .check(
    /* @__PURE__ */ z.refine(
      (body) => (body.suiteId === undefined) !== (body.caseIds === undefined),
      /* @__PURE__ */ zodMessage(s.suiteOrCases),
    ),
  );
export type CreateTestRunBody = z.infer<typeof CreateTestRunBody>;

export const TestRunAccepted = /* @__PURE__ */ z.object({ id: /* @__PURE__ */ z.string(), status: TestRunStatus });

export const TestRunParams = /* @__PURE__ */ z.strictObject({ projectId: ResourceId, runId: ResourceId });

export const ListTestRunsQuery = /* @__PURE__ */ z.strictObject({
  limit: /* @__PURE__ */ z._default(
    /* @__PURE__ */ z.coerce
      .number()
      .check(/* @__PURE__ */ z.int(), /* @__PURE__ */ z.minimum(1), /* @__PURE__ */ z.maximum(100)),
    20,
  ),
  cursor: /* @__PURE__ */ z.optional(Cursor),
  suiteId: /* @__PURE__ */ z.optional(ResourceId),
  status: /* @__PURE__ */ z.optional(TestRunStatus),
});
export type ListTestRunsQuery = z.infer<typeof ListTestRunsQuery>;

const Count = /* @__PURE__ */ z.int().check(/* @__PURE__ */ z.minimum(0));
const Latency = CaseMetrics.shape.latency;

/**
 * What a performance case's load measured beyond its metrics: how it ran, the answers and
 * errors it got, and each request's count, errors and latency percentiles (milliseconds).
 * Percentiles only: the histograms they come from stay with the load workers and the merge.
 */
export const LoadBreakdown = /* @__PURE__ */ z.object({
  /** Load workers whose results were merged. */
  workers: Count,
  stoppedBy: /* @__PURE__ */ z.enum(['completed', 'request_cap', 'duration_cap', 'aborted']),
  /** Answers by HTTP status. */
  statusCounts: /* @__PURE__ */ z.record(/* @__PURE__ */ z.string(), Count),
  errorsByKind: /* @__PURE__ */ z.object({
    status: Count,
    timeout: Count,
    network: Count,
    protocol: Count,
    response_too_large: Count,
  }),
  /** Open model: requests that started late because the generator fell behind. */
  lateStarts: Count,
  /** By request name. */
  byRequest: /* @__PURE__ */ z.record(
    /* @__PURE__ */ z.string(),
    /* @__PURE__ */ z.object({ requests: Count, errors: Count, latency: Latency }),
  ),
  /** Per wall-clock second from `startSecond` (Unix seconds): settled requests, errors, latency samples, sum and max (ms). */
  timeline: /* @__PURE__ */ z.optional(
    /* @__PURE__ */ z.object({
      startSecond: /* @__PURE__ */ z.int(),
      requests: /* @__PURE__ */ z.array(Count),
      errors: /* @__PURE__ */ z.array(Count),
      latencyCount: /* @__PURE__ */ z.array(Count),
      latencySumMs: /* @__PURE__ */ z.array(/* @__PURE__ */ z.number()),
      latencyMaxMs: /* @__PURE__ */ z.array(/* @__PURE__ */ z.number()),
    }),
  ),
});
export type LoadBreakdown = z.infer<typeof LoadBreakdown>;

/** A result as a run reports it: the case result plus what the run learned about it. */
export const RunCaseResult = /* @__PURE__ */ z.extend(CaseResult, {
  flaky: /* @__PURE__ */ z.boolean(),
  /** Executed performance cases. */
  load: /* @__PURE__ */ z.optional(LoadBreakdown),
  /** Imported results: where the report put the case. */
  classname: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.string()),
  suitePath: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.string()),
  message: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.string()),
  details: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.string()),
  systemOut: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.string()),
  systemErr: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.string()),
  /** Imported results: the `<properties>` of their `<testcase>`, written back in the JUnit report. */
  properties: /* @__PURE__ */ z.optional(
    /* @__PURE__ */ z.record(/* @__PURE__ */ z.string(), /* @__PURE__ */ z.string()),
  ),
});
export type RunCaseResult = z.infer<typeof RunCaseResult>;

// The plain object is kept apart: zod refuses `omit` on a schema with checks (`z.meta` is one).
const TestRunFields = /* @__PURE__ */ z.object({
  id: /* @__PURE__ */ z.string(),
  projectId: /* @__PURE__ */ z.string(),
  status: TestRunStatus,
  source: /* @__PURE__ */ z.enum(['execution', 'import']),
  suiteId: /* @__PURE__ */ z.nullable(/* @__PURE__ */ z.string()),
  suiteName: /* @__PURE__ */ z.nullable(/* @__PURE__ */ z.string()),
  environmentId: /* @__PURE__ */ z.nullable(/* @__PURE__ */ z.string()),
  deploymentId: /* @__PURE__ */ z.nullable(/* @__PURE__ */ z.string()),
  commit: /* @__PURE__ */ z.nullable(/* @__PURE__ */ z.string()),
  branch: /* @__PURE__ */ z.nullable(/* @__PURE__ */ z.string()),
  retries: /* @__PURE__ */ z.int(),
  summary: /* @__PURE__ */ z.nullable(TestRunSummary),
  /** Failed (or errored) now, passed in the previous finished run of the same suite. */
  newFailures: /* @__PURE__ */ z.array(
    /* @__PURE__ */ z.object({ caseId: /* @__PURE__ */ z.string(), name: /* @__PURE__ */ z.string() }),
  ),
  /** The first results (by case id); `resultsCursor` continues at `.../results`. */
  results: /* @__PURE__ */ z.array(RunCaseResult),
  resultsCursor: /* @__PURE__ */ z.nullable(/* @__PURE__ */ z.string()),
  failureReason: /* @__PURE__ */ z.nullable(/* @__PURE__ */ z.string()),
  createdBy: /* @__PURE__ */ z.string(),
  createdAt: Timestamp,
  startedAt: /* @__PURE__ */ z.nullable(Timestamp),
  endedAt: /* @__PURE__ */ z.nullable(Timestamp),
});
export const TestRun = /* @__PURE__ */ TestRunFields.check(/* @__PURE__ */ z.meta({ id: 'TestRun' }));
export type TestRun = z.infer<typeof TestRun>;

/** A run in a list: everything but its results. */
export const TestRunListItem = /* @__PURE__ */ z.omit(TestRunFields, { results: true, resultsCursor: true });
export const TestRunPage = /* @__PURE__ */ pageOf(TestRunListItem);

export const RunResultsQuery = /* @__PURE__ */ z.strictObject({
  limit: /* @__PURE__ */ z._default(
    /* @__PURE__ */ z.coerce
      .number()
      .check(/* @__PURE__ */ z.int(), /* @__PURE__ */ z.minimum(1), /* @__PURE__ */ z.maximum(500)),
    100,
  ),
  cursor: /* @__PURE__ */ z.optional(Cursor),
  status: /* @__PURE__ */ z.optional(CaseStatus),
});
export const RunResultPage = /* @__PURE__ */ pageOf(RunCaseResult);

export const REPORT_FORMATS = ['json', 'junit', 'html'] as const;
/** An IANA time zone name this runtime knows (`Asia/Shanghai`, `UTC`). */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

export const ReportQuery = /* @__PURE__ */ z.strictObject({
  format: /* @__PURE__ */ z._default(/* @__PURE__ */ z.enum(REPORT_FORMATS), 'json'),
  /** The HTML report's language (`en`, `zh-CN`; `zh`, `zh-Hans` too); default from Accept-Language. */
  lang: /* @__PURE__ */ z.optional(
    /* @__PURE__ */ z.string().check(
      /* @__PURE__ */ z.maxLength(35),
      /* @__PURE__ */ z.refine((tag) => parseLocale(tag) !== undefined, /* @__PURE__ */ zodMessage(s.reportLanguage)),
    ),
  ),
  /** The time zone the HTML report shows dates in; default UTC. */
  tz: /* @__PURE__ */ z.optional(
    /* @__PURE__ */ z
      .string()
      .check(
        /* @__PURE__ */ z.maxLength(64),
        /* @__PURE__ */ z.refine(isTimeZone, /* @__PURE__ */ zodMessage(s.timeZone)),
        /* @__PURE__ */ z.meta({ examples: ['Asia/Shanghai'] }),
      ),
  ),
});
export const ReportLink = /* @__PURE__ */ z.object({
  format: /* @__PURE__ */ z.enum(REPORT_FORMATS),
  url: PresignedUrl,
  expiresAt: Timestamp,
  /** HTML only: the language and time zone the page is written in. */
  locale: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.enum(LOCALES)),
  timeZone: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.string()),
});

// ---------------------------------------------------------------------------------------------
// JUnit import

/** `?commit=&branch=&suite=` of an import: what the results are of. */
/** What kind of cases a report holds; the cases an import creates get it (default `unit`). */
export const ImportedCaseType = /* @__PURE__ */ z.enum(['unit', 'integration', 'e2e']);
export type ImportedCaseType = z.infer<typeof ImportedCaseType>;

export const ImportQuery = /* @__PURE__ */ z.strictObject({
  type: /* @__PURE__ */ z.optional(ImportedCaseType),
  commit: /* @__PURE__ */ z.optional(VersionLabel),
  branch: /* @__PURE__ */ z.optional(ImportLabel),
  suite: /* @__PURE__ */ z.optional(ImportLabel),
});
export type ImportQuery = z.infer<typeof ImportQuery>;

export const IMPORT_LIMITS = { bodyBytes: 5 * 1024 * 1024, uploadBytes: 200 * 1024 * 1024, uploadUrlSeconds: 900 };

/**
 * Where raw uploads land in the artifacts bucket (`imports/<projectId>/<importId>.xml`): S3
 * announces objects under it to the import rule, and the bucket's lifecycle expires them
 * (`artifacts.uploadExpiryDays` of the stage) once they served their import.
 */
export const IMPORT_UPLOAD_PREFIX = 'imports/';

export const CreateImportUploadBody = /* @__PURE__ */ z.strictObject({
  type: /* @__PURE__ */ z.optional(ImportedCaseType),
  commit: /* @__PURE__ */ z.optional(VersionLabel),
  branch: /* @__PURE__ */ z.optional(ImportLabel),
  suite: /* @__PURE__ */ z.optional(ImportLabel),
  /** The report's size in bytes: the presigned PUT is bound to it (S3 refuses any other). */
  contentLength: /* @__PURE__ */ z
    .int()
    .check(/* @__PURE__ */ z.minimum(1), /* @__PURE__ */ z.maximum(IMPORT_LIMITS.uploadBytes)),
});
export type CreateImportUploadBody = z.infer<typeof CreateImportUploadBody>;

/** The import waiting for its report (`id`) and where to PUT the report: `url` until `expiresAt`, with `headers`. */
export const ImportUpload = /* @__PURE__ */ z.object({
  id: /* @__PURE__ */ z.string(),
  url: PresignedUrl,
  expiresAt: Timestamp,
  /** Headers the PUT must send as they are (signed): the declared length, and `If-None-Match: *` (one upload only). */
  headers: /* @__PURE__ */ z.object({
    'content-length': /* @__PURE__ */ z.string(),
    'if-none-match': /* @__PURE__ */ z.literal('*'),
  }),
});
export type ImportUpload = z.infer<typeof ImportUpload>;

export const ImportParams = /* @__PURE__ */ z.strictObject({ projectId: ResourceId, importId: ResourceId });

export const IMPORT_STATUSES = ['waiting_for_upload', 'processing', 'completed', 'failed'] as const;
export const ImportStatus = /* @__PURE__ */ z
  .object({
    id: /* @__PURE__ */ z.string(),
    status: /* @__PURE__ */ z.enum(IMPORT_STATUSES),
    runId: /* @__PURE__ */ z.nullable(/* @__PURE__ */ z.string()),
    /** Why it failed: e.g. the parse position of malformed XML. */
    error: /* @__PURE__ */ z.nullable(
      /* @__PURE__ */ z.object({ code: /* @__PURE__ */ z.string(), detail: /* @__PURE__ */ z.string() }),
    ),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .check(/* @__PURE__ */ z.meta({ id: 'ImportStatus' }));
export type ImportStatus = z.infer<typeof ImportStatus>;

// ---------------------------------------------------------------------------------------------
// Insights

export const InsightsQuery = /* @__PURE__ */ z.strictObject({
  /** How many recent finished runs the insights look at. */
  runs: /* @__PURE__ */ z._default(
    /* @__PURE__ */ z.coerce
      .number()
      .check(/* @__PURE__ */ z.int(), /* @__PURE__ */ z.minimum(1), /* @__PURE__ */ z.maximum(50)),
    20,
  ),
  limit: /* @__PURE__ */ z._default(
    /* @__PURE__ */ z.coerce
      .number()
      .check(/* @__PURE__ */ z.int(), /* @__PURE__ */ z.minimum(1), /* @__PURE__ */ z.maximum(50)),
    10,
  ),
});

// Extended rather than spread into each object: esbuild cannot drop a pure call whose argument spreads an object.
const CaseRef = /* @__PURE__ */ z.object({
  caseId: /* @__PURE__ */ z.string(),
  name: /* @__PURE__ */ z.string(),
  type: TestCaseType,
});
export const TestInsights = /* @__PURE__ */ z.object({
  window: /* @__PURE__ */ z.object({
    runs: /* @__PURE__ */ z.int(),
    from: /* @__PURE__ */ z.nullable(Timestamp),
    to: /* @__PURE__ */ z.nullable(Timestamp),
  }),
  flakiest: /* @__PURE__ */ z.array(
    /* @__PURE__ */ z.extend(CaseRef, {
      flakyRuns: /* @__PURE__ */ z.int(),
      runs: /* @__PURE__ */ z.int(),
      flakyRate: /* @__PURE__ */ z.number(),
    }),
  ),
  mostFailed: /* @__PURE__ */ z.array(
    /* @__PURE__ */ z.extend(CaseRef, {
      failures: /* @__PURE__ */ z.int(),
      runs: /* @__PURE__ */ z.int(),
      failureRate: /* @__PURE__ */ z.number(),
    }),
  ),
  slowest: /* @__PURE__ */ z.array(
    /* @__PURE__ */ z.extend(CaseRef, {
      averageMs: /* @__PURE__ */ z.number(),
      maxMs: /* @__PURE__ */ z.number(),
      runs: /* @__PURE__ */ z.int(),
    }),
  ),
  suiteTrends: /* @__PURE__ */ z.array(
    /* @__PURE__ */ z.object({
      suiteId: /* @__PURE__ */ z.nullable(/* @__PURE__ */ z.string()),
      suiteName: /* @__PURE__ */ z.nullable(/* @__PURE__ */ z.string()),
      points: /* @__PURE__ */ z.array(
        /* @__PURE__ */ z.object({
          runId: /* @__PURE__ */ z.string(),
          at: Timestamp,
          passRate: /* @__PURE__ */ z.nullable(/* @__PURE__ */ z.number()),
        }),
      ),
    }),
  ),
});
