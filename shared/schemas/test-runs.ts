import * as z from 'zod/mini';
import { localize } from '#shared/i18n/catalogue';
import { LOCALES, parseLocale } from '#shared/i18n/locale';
import { zodMessage } from '#shared/i18n/zod';
import { Cursor, PresignedUrl, pageOf, ResourceId, Timestamp } from '#shared/schemas/common';
import { VersionLabel } from '#shared/schemas/deployments';
import * as s from '#shared/schemas/messages';
import { CaseMetrics, CaseResult, CaseStatus, TestCaseType, TestRunSummary } from '#shared/schemas/test-results';

export { TestRunSummary };

import { VAR_NAME } from '#shared/testing/assertions/templates';

export const TEST_RUN_STATUSES = ['queued', 'running', 'passed', 'failed', 'errored'] as const;
export const TestRunStatus = z.enum(TEST_RUN_STATUSES);
export type TestRunStatus = z.infer<typeof TestRunStatus>;
export const FINISHED_RUN_STATUSES: ReadonlySet<TestRunStatus> = new Set(['passed', 'failed', 'errored']);

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

const Vars = z
  .record(
    z.string().check(z.regex(VAR_NAME, zodMessage(s.variableName))),
    z.string().check(z.maxLength(TEST_RUN_LIMITS.varValueLength)),
  )
  .check(
    z.refine((vars) => Object.keys(vars).length <= TEST_RUN_LIMITS.vars, {
      error: () => localize(s.atMostVariables({ max: TEST_RUN_LIMITS.vars })),
    }),
  );

// Printable: no control characters (checked by code point, which keeps the regex plain).
const hasControlCharacter = (value: string) => [...value].some((char) => (char.codePointAt(0) ?? 0) < 0x20);
const ImportLabel = z.string().check(
  z.regex(/^\S.{0,199}$/u, zodMessage(s.printable200)),
  z.refine((value) => !hasControlCharacter(value), zodMessage(s.printable200)),
);

/** Either a suite or an explicit list of cases. */
export const CreateTestRunBody = z
  .strictObject({
    suiteId: z.optional(ResourceId),
    caseIds: z.optional(
      z.array(ResourceId).check(
        z.minLength(1),
        z.maxLength(TEST_RUN_LIMITS.caseIds),
        z.refine((ids) => new Set(ids).size === ids.length, zodMessage(s.caseIdsUnique)),
      ),
    ),
    environmentId: z.optional(ResourceId),
    vars: z.optional(Vars),
    retries: z._default(z.int().check(z.minimum(0), z.maximum(TEST_RUN_LIMITS.retries)), 0),
    /** What is under test: a case that passes and fails on the same commit is flaky. */
    commit: z.optional(VersionLabel),
    branch: z.optional(ImportLabel),
  })
  .check(z.refine((body) => (body.suiteId === undefined) !== (body.caseIds === undefined), zodMessage(s.suiteOrCases)));
export type CreateTestRunBody = z.infer<typeof CreateTestRunBody>;

export const TestRunAccepted = z.object({ id: z.string(), status: TestRunStatus });

export const TestRunParams = z.strictObject({ projectId: ResourceId, runId: ResourceId });

export const ListTestRunsQuery = z.strictObject({
  limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(100)), 20),
  cursor: z.optional(Cursor),
  suiteId: z.optional(ResourceId),
  status: z.optional(TestRunStatus),
});
export type ListTestRunsQuery = z.infer<typeof ListTestRunsQuery>;

const Count = z.int().check(z.minimum(0));
const Latency = CaseMetrics.shape.latency;

/**
 * What a performance case's load measured beyond its metrics: how it ran, the answers and
 * errors it got, and each request's count, errors and latency percentiles (milliseconds).
 * Percentiles only: the histograms they come from stay with the load workers and the merge.
 */
export const LoadBreakdown = z.object({
  /** Load workers whose results were merged. */
  workers: Count,
  stoppedBy: z.enum(['completed', 'request_cap', 'duration_cap', 'aborted']),
  /** Answers by HTTP status. */
  statusCounts: z.record(z.string(), Count),
  errorsByKind: z.object({
    status: Count,
    timeout: Count,
    network: Count,
    protocol: Count,
    response_too_large: Count,
  }),
  /** Open model: requests that started late because the generator fell behind. */
  lateStarts: Count,
  /** By request name. */
  byRequest: z.record(z.string(), z.object({ requests: Count, errors: Count, latency: Latency })),
  /** Per wall-clock second from `startSecond` (Unix seconds): settled requests, errors, latency samples, sum and max (ms). */
  timeline: z.optional(
    z.object({
      startSecond: z.int(),
      requests: z.array(Count),
      errors: z.array(Count),
      latencyCount: z.array(Count),
      latencySumMs: z.array(z.number()),
      latencyMaxMs: z.array(z.number()),
    }),
  ),
});
export type LoadBreakdown = z.infer<typeof LoadBreakdown>;

/** A result as a run reports it: the case result plus what the run learned about it. */
export const RunCaseResult = z.extend(CaseResult, {
  flaky: z.boolean(),
  /** Executed performance cases. */
  load: z.optional(LoadBreakdown),
  /** Imported results: where the report put the case. */
  classname: z.optional(z.string()),
  suitePath: z.optional(z.string()),
  message: z.optional(z.string()),
  details: z.optional(z.string()),
  systemOut: z.optional(z.string()),
  systemErr: z.optional(z.string()),
  /** Imported results: the `<properties>` of their `<testcase>`, written back in the JUnit report. */
  properties: z.optional(z.record(z.string(), z.string())),
});
export type RunCaseResult = z.infer<typeof RunCaseResult>;

// The plain object is kept apart: zod refuses `omit` on a schema with checks (`z.meta` is one).
const TestRunFields = z.object({
  id: z.string(),
  projectId: z.string(),
  status: TestRunStatus,
  source: z.enum(['execution', 'import']),
  suiteId: z.nullable(z.string()),
  suiteName: z.nullable(z.string()),
  environmentId: z.nullable(z.string()),
  deploymentId: z.nullable(z.string()),
  commit: z.nullable(z.string()),
  branch: z.nullable(z.string()),
  retries: z.int(),
  summary: z.nullable(TestRunSummary),
  /** Failed (or errored) now, passed in the previous finished run of the same suite. */
  newFailures: z.array(z.object({ caseId: z.string(), name: z.string() })),
  /** The first results (by case id); `resultsCursor` continues at `.../results`. */
  results: z.array(RunCaseResult),
  resultsCursor: z.nullable(z.string()),
  failureReason: z.nullable(z.string()),
  createdBy: z.string(),
  createdAt: Timestamp,
  startedAt: z.nullable(Timestamp),
  endedAt: z.nullable(Timestamp),
});
export const TestRun = TestRunFields.check(z.meta({ id: 'TestRun' }));
export type TestRun = z.infer<typeof TestRun>;

/** A run in a list: everything but its results. */
export const TestRunListItem = z.omit(TestRunFields, { results: true, resultsCursor: true });
export const TestRunPage = pageOf(TestRunListItem);

export const RunResultsQuery = z.strictObject({
  limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(500)), 100),
  cursor: z.optional(Cursor),
  status: z.optional(CaseStatus),
});
export const RunResultPage = pageOf(RunCaseResult);

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

export const ReportQuery = z.strictObject({
  format: z._default(z.enum(REPORT_FORMATS), 'json'),
  /** The HTML report's language (`en`, `zh-CN`; `zh`, `zh-Hans` too); default from Accept-Language. */
  lang: z.optional(
    z.string().check(
      z.maxLength(35),
      z.refine((tag) => parseLocale(tag) !== undefined, zodMessage(s.reportLanguage)),
    ),
  ),
  /** The time zone the HTML report shows dates in; default UTC. */
  tz: z.optional(
    z
      .string()
      .check(z.maxLength(64), z.refine(isTimeZone, zodMessage(s.timeZone)), z.meta({ examples: ['Asia/Shanghai'] })),
  ),
});
export const ReportLink = z.object({
  format: z.enum(REPORT_FORMATS),
  url: PresignedUrl,
  expiresAt: Timestamp,
  /** HTML only: the language and time zone the page is written in. */
  locale: z.optional(z.enum(LOCALES)),
  timeZone: z.optional(z.string()),
});

// ---------------------------------------------------------------------------------------------
// JUnit import

/** `?commit=&branch=&suite=` of an import: what the results are of. */
/** What kind of cases a report holds; the cases an import creates get it (default `unit`). */
export const ImportedCaseType = z.enum(['unit', 'integration', 'e2e']);
export type ImportedCaseType = z.infer<typeof ImportedCaseType>;

export const ImportQuery = z.strictObject({
  type: z.optional(ImportedCaseType),
  commit: z.optional(VersionLabel),
  branch: z.optional(ImportLabel),
  suite: z.optional(ImportLabel),
});
export type ImportQuery = z.infer<typeof ImportQuery>;

export const IMPORT_LIMITS = { bodyBytes: 5 * 1024 * 1024, uploadBytes: 200 * 1024 * 1024, uploadUrlSeconds: 900 };

/**
 * Where raw uploads land in the artifacts bucket (`imports/<projectId>/<importId>.xml`): S3
 * announces objects under it to the import rule, and the bucket's lifecycle expires them
 * (`artifacts.uploadExpiryDays` of the stage) once they served their import.
 */
export const IMPORT_UPLOAD_PREFIX = 'imports/';

export const CreateImportUploadBody = z.strictObject({
  type: z.optional(ImportedCaseType),
  commit: z.optional(VersionLabel),
  branch: z.optional(ImportLabel),
  suite: z.optional(ImportLabel),
  /** The report's size in bytes: the presigned PUT is bound to it (S3 refuses any other). */
  contentLength: z.int().check(z.minimum(1), z.maximum(IMPORT_LIMITS.uploadBytes)),
});
export type CreateImportUploadBody = z.infer<typeof CreateImportUploadBody>;

/** The import waiting for its report (`id`) and where to PUT the report: `url` until `expiresAt`, with `headers`. */
export const ImportUpload = z.object({
  id: z.string(),
  url: PresignedUrl,
  expiresAt: Timestamp,
  /** Headers the PUT must send as they are (signed): the declared length, and `If-None-Match: *` (one upload only). */
  headers: z.object({ 'content-length': z.string(), 'if-none-match': z.literal('*') }),
});
export type ImportUpload = z.infer<typeof ImportUpload>;

export const ImportParams = z.strictObject({ projectId: ResourceId, importId: ResourceId });

export const IMPORT_STATUSES = ['waiting_for_upload', 'processing', 'completed', 'failed'] as const;
export const ImportStatus = z
  .object({
    id: z.string(),
    status: z.enum(IMPORT_STATUSES),
    runId: z.nullable(z.string()),
    /** Why it failed: e.g. the parse position of malformed XML. */
    error: z.nullable(z.object({ code: z.string(), detail: z.string() })),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .check(z.meta({ id: 'ImportStatus' }));
export type ImportStatus = z.infer<typeof ImportStatus>;

// ---------------------------------------------------------------------------------------------
// Insights

export const InsightsQuery = z.strictObject({
  /** How many recent finished runs the insights look at. */
  runs: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(50)), 20),
  limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(50)), 10),
});

const CaseRef = { caseId: z.string(), name: z.string(), type: TestCaseType };
export const TestInsights = z.object({
  window: z.object({ runs: z.int(), from: z.nullable(Timestamp), to: z.nullable(Timestamp) }),
  flakiest: z.array(z.object({ ...CaseRef, flakyRuns: z.int(), runs: z.int(), flakyRate: z.number() })),
  mostFailed: z.array(z.object({ ...CaseRef, failures: z.int(), runs: z.int(), failureRate: z.number() })),
  slowest: z.array(z.object({ ...CaseRef, averageMs: z.number(), maxMs: z.number(), runs: z.int() })),
  suiteTrends: z.array(
    z.object({
      suiteId: z.nullable(z.string()),
      suiteName: z.nullable(z.string()),
      points: z.array(z.object({ runId: z.string(), at: Timestamp, passRate: z.nullable(z.number()) })),
    }),
  ),
});
