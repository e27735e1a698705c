// The shape of a test report once parsed: what the JUnit reader produces and the report
// writer takes back. Internal to the import, so it lives here; what the API answers for an
// import (runs, results) is in shared/schemas/test-runs.ts. zod/mini like shared/schemas.
import * as z from 'zod/mini';

export const TEST_STATUSES = ['passed', 'failed', 'errored', 'skipped'] as const;
export const TestStatus = z.enum(TEST_STATUSES);
export type TestStatus = z.infer<typeof TestStatus>;

/** Property bags as reports carry them (`<properties><property name value/>`). */
export const ReportProperties = z.record(z.string(), z.string());

/** One `<testsuite>` element. `suitePath` joins the names of the enclosing suites with ' › '. */
export const ReportSuite = z.object({
  name: z.string(),
  suitePath: z.string(),
  file: z.optional(z.string()),
  timestamp: z.optional(z.string()),
  hostname: z.optional(z.string()),
  properties: ReportProperties,
});
export type ReportSuite = z.infer<typeof ReportSuite>;

/**
 * One `<testcase>` element: one result. `retries` counts the reruns a producer recorded
 * (Surefire's flakyFailure/rerunFailure…); `flaky` marks a case that passed after them.
 */
export const ReportCase = z.object({
  suite: z.string(),
  suitePath: z.string(),
  classname: z.string(),
  name: z.string(),
  file: z.optional(z.string()),
  durationMs: z.int().check(z.nonnegative()),
  status: TestStatus,
  message: z.optional(z.string()),
  type: z.optional(z.string()),
  details: z.optional(z.string()),
  systemOut: z.optional(z.string()),
  systemErr: z.optional(z.string()),
  properties: z.optional(ReportProperties),
  retries: z.optional(z.int().check(z.positive())),
  flaky: z.optional(z.literal(true)),
});
export type ReportCase = z.infer<typeof ReportCase>;

export const ReportTotals = z.object({
  total: z.int(),
  passed: z.int(),
  failed: z.int(),
  errored: z.int(),
  skipped: z.int(),
  durationMs: z.int(),
});
export type ReportTotals = z.infer<typeof ReportTotals>;

export const ParsedReport = z.object({
  suites: z.array(ReportSuite),
  cases: z.array(ReportCase),
  totals: ReportTotals,
});
export type ParsedReport = z.infer<typeof ParsedReport>;
