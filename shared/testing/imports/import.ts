// JUnit import: a parsed report becomes a finished run. Every <testcase> is one result,
// counted by its child element (parseJUnit), whatever the suite attributes claim; cases are
// matched or created by classname + name under deterministic ids, so the same report
// imported twice lands on the same cases. The request path writes the run and its sealed
// results only (a handful of items for 10,000 cases); cases and history follow from the
// 'Test Run Completed' event.
import { ulid } from 'ulid';
import type { ProjectScope } from '#shared/auth/project-access';
import { type EventOrigin, publishEvent } from '#shared/events/publisher';
import { PayloadTooLargeError } from '#shared/http/errors';
import { type IdempotentRequest, idempotentRequest, replayIdempotent } from '#shared/http/idempotency';
import { formatText } from '#shared/i18n/catalogue';
import { storedText } from '#shared/i18n/stored';
import { TEST_CASE_LIMITS } from '#shared/schemas/test-results';
import { IMPORT_LIMITS, type ImportQuery, type TestRun } from '#shared/schemas/test-runs';
import { importedCaseId } from '#shared/testing/cases/repository';
import { caseKey } from '#shared/testing/imports/case-key';
import { parseJUnit } from '#shared/testing/imports/junit-reader';
import * as m from '#shared/testing/imports/messages';
import type { ParsedReport } from '#shared/testing/imports/parsed-report';
import * as runMessages from '#shared/testing/runs/messages';
import { requireTestRun, testRunView } from '#shared/testing/runs/queries';
import {
  findIdempotentTestRun,
  insertTestRun,
  newTestRunRecord,
  type StoredResult,
  type TestRunRecord,
  updateTestRun,
} from '#shared/testing/runs/repository';
import { announceCompletion, completeRun } from '#shared/testing/runs/summary';

/**
 * Texts (failure details, system-out/err) are kept up to 8 Ki characters each: a chatty test
 * can print megabytes, and a run of 100,000 results must still fit in memory and in a few
 * sealed chunks. The parser cuts them as it reads, with a "[… truncated]" note.
 */
export const IMPORT_PARSE_OPTIONS = { maxTextLength: 8 * 1024 } as const;

/** What an import is labelled with (`?commit=&branch=&suite=` or the upload's body). */
export type ImportLabels = ImportQuery;

/** The run history of imports is per suite name: `import:<suite>`, `import:default` without one. */
export function importSuiteKey(suite: string | undefined | null): string {
  return `import:${suite ?? 'default'}`;
}

/** An imported run as POST .../test-runs/imports answers it; `replayed` when an earlier request with the same key made it. */
export interface ImportAnswer {
  run: TestRun;
  replayed: boolean;
}

/**
 * POST .../test-runs/imports: the report in the request body (up to 5 MB) becomes a finished
 * run, answered in the shape of GET .../test-runs/{runId}. A malformed report is a 400 with
 * its line and column, and nothing is written. An `Idempotency-Key` (CI retrying after a
 * timeout) answers the run the first request with that key created, without a second run;
 * the same key with another report or other labels is a 409.
 */
export async function importTestResults(
  scope: ProjectScope,
  xml: string,
  labels: ImportLabels,
  idempotencyKey: string | undefined,
): Promise<ImportAnswer> {
  const { projectId, caller } = scope;
  if (Buffer.byteLength(xml, 'utf8') > IMPORT_LIMITS.bodyBytes) {
    throw new PayloadTooLargeError(m.reportBodyTooLarge({ maxBytes: String(IMPORT_LIMITS.bodyBytes) }));
  }
  const origin = { actorId: caller.auth.userId, correlationId: caller.correlationId };
  const idempotency = idempotentRequest(
    idempotencyKey,
    {
      xml,
      commit: labels.commit ?? null,
      branch: labels.branch ?? null,
      suite: labels.suite ?? null,
      type: labels.type ?? 'unit',
    },
    { callerId: caller.auth.userId, operation: 'ImportTestResults' },
  );
  if (idempotency) {
    const replay = await replayImport(projectId, idempotency, origin);
    if (replay) return replay;
  }
  const report = await parseJUnit(xml, IMPORT_PARSE_OPTIONS);
  const run = importedRunRecord(projectId, ulid().toLowerCase(), labels, caller.auth.userId);
  if ((await insertTestRun(run, idempotency)) === 'duplicate') {
    // Another request with the same key won the race: answer what it created.
    const replay = await replayImport(projectId, idempotency!, origin);
    if (replay) return replay;
  }
  const finished = await storeImportedRun(run, report, origin, { insert: false, endErroredOnFailure: true });
  return { run: await testRunView(finished), replayed: false };
}

/**
 * The run an earlier request with the same key created, as it is now; announced first if that
 * request stored it but failed to announce it (the reason a client retries). Undefined for a
 * new key; 409 for a key used with another request.
 */
async function replayImport(
  projectId: string,
  request: IdempotentRequest,
  origin: EventOrigin,
): Promise<ImportAnswer | undefined> {
  let earlier: TestRunRecord | undefined;
  const replay = await replayIdempotent(
    request,
    await findIdempotentTestRun(projectId, request.key),
    async (previous) => {
      earlier = await requireTestRun(projectId, previous.runId);
      return earlier;
    },
  );
  if (!replay || !earlier) return undefined;
  return { run: await testRunView(await announceCompletion(earlier, origin)), replayed: true };
}

/** A new imported run, running until its results are stored. */
export function importedRunRecord(
  projectId: string,
  runId: string,
  labels: ImportLabels,
  createdBy: string,
): TestRunRecord {
  return newTestRunRecord({
    id: runId,
    projectId,
    status: 'running',
    source: 'import',
    suiteKey: importSuiteKey(labels.suite),
    suiteName: labels.suite,
    commit: labels.commit,
    branch: labels.branch,
    importedType: labels.type ?? 'unit',
    createdBy,
  });
}

/**
 * Stores a parsed report as the results of `run` and finishes the run: flaky marks, summary,
 * new failures, the results sealed in a few chunks, 'Test Run Completed' (whose consumer,
 * IndexTestRun, then creates the cases the report named and writes each case's history).
 * Storing the same report into the same run again is harmless (uploads are processed at
 * least once, and a retry resumes). With `endErroredOnFailure`, a failure while storing ends
 * the run `errored` before it is rethrown (a request is not retried: no run may stay running).
 */
export async function storeImportedRun(
  run: TestRunRecord,
  report: ParsedReport,
  origin: EventOrigin,
  options: { insert: boolean; endErroredOnFailure: boolean },
): Promise<TestRunRecord> {
  const results = importedResults(run, report);
  const suiteProperties = suitePropertiesOf(report);
  try {
    if (options.insert) await insertTestRun(suiteProperties ? { ...run, suiteProperties } : run);
    else if (suiteProperties) await updateTestRun(run.projectId, run.id, { suiteProperties }, ['running']);
    return await completeRun(run, results, origin, { durationMs: report.totals.durationMs });
  } catch (error) {
    if (options.endErroredOnFailure) await failImportedRun(run, origin);
    throw error;
  }
}

async function failImportedRun(run: TestRunRecord, origin: EventOrigin): Promise<void> {
  const reason = runMessages.importNotStored();
  const failed = await updateTestRun(
    run.projectId,
    run.id,
    { status: 'errored', failureReason: storedText(reason), endedAt: new Date().toISOString() },
    ['running'],
  ).catch(() => undefined);
  if (failed) {
    await publishEvent(
      'Test Run Failed',
      run.projectId,
      { runId: run.id, suiteId: null, reason: formatText(reason, 'en') },
      origin,
    ).catch(() => undefined);
  }
}

/** Suite `<properties>` kept with a run: at most this much JSON (Surefire lists every system property). */
const MAX_SUITE_PROPERTIES_BYTES = 64 * 1024;

/**
 * The report's suite-level `<properties>` by suite path, for the JUnit report to write back;
 * suites past MAX_SUITE_PROPERTIES_BYTES keep none. Undefined when no suite has any.
 */
export function suitePropertiesOf(report: ParsedReport): Record<string, Record<string, string>> | undefined {
  const kept: Record<string, Record<string, string>> = {};
  let bytes = 2;
  for (const suite of report.suites) {
    if (Object.keys(suite.properties).length === 0 || kept[suite.suitePath] !== undefined) continue;
    const size = Buffer.byteLength(JSON.stringify([suite.suitePath, suite.properties]));
    if (bytes + size > MAX_SUITE_PROPERTIES_BYTES) continue;
    kept[suite.suitePath] = suite.properties;
    bytes += size;
  }
  return Object.keys(kept).length > 0 ? kept : undefined;
}

/**
 * One result per reported case, under the id of the case its classname + name make
 * (`importedCaseId`; the case itself is created after the run, see IndexTestRun). A report may
 * name the same classname + name twice (a jest title repeated in one file, a rerun plugin's
 * copy): each occurrence is its own result, so the second is `<name> [#2]`, a case of its own
 * under a key as stable as the first. Names are cut to the case name limit before the key
 * is made, so the key can always be made again from the stored result.
 */
export function importedResults(run: TestRunRecord, report: ParsedReport): StoredResult[] {
  const results: StoredResult[] = [];
  const used = new Set<string>();
  for (const reported of report.cases) {
    const reportedName = reported.name.slice(0, TEST_CASE_LIMITS.nameLength);
    let name = reportedName;
    let key = caseKey(reported.classname, name);
    for (let occurrence = 2; used.has(key); occurrence++) {
      const suffix = ` [#${occurrence}]`;
      name = `${reportedName.slice(0, TEST_CASE_LIMITS.nameLength - suffix.length)}${suffix}`;
      key = caseKey(reported.classname, name);
    }
    used.add(key);
    results.push({
      caseId: importedCaseId(run.projectId, key),
      name,
      type: run.importedType ?? 'unit',
      status: reported.status,
      attempts: 1 + (reported.retries ?? 0),
      durationMs: reported.durationMs,
      assertions: [],
      flaky: reported.flaky === true,
      classname: reported.classname,
      suitePath: reported.suitePath,
      message: reported.message,
      details: reported.details,
      systemOut: reported.systemOut,
      systemErr: reported.systemErr,
      ...(reported.properties && Object.keys(reported.properties).length > 0
        ? { properties: reported.properties }
        : {}),
      runId: run.id,
      projectId: run.projectId,
      commit: run.commit,
      branch: run.branch,
      at: run.createdAt,
    });
  }
  return results;
}
