import type { ProjectScope } from '#shared/auth/project-access';
import { NotFoundError } from '#shared/http/errors';
import type { PageQuery } from '#shared/schemas/common';
import type { ListTestCasesQuery, TestCase } from '#shared/schemas/test-cases';
import type { TestSuite } from '#shared/schemas/test-suites';
import * as m from '#shared/testing/cases/messages';
import { getTestCase, listTestCases, type TestCaseRecord } from '#shared/testing/cases/repository';
import {
  listTestSuites,
  requireTestSuite,
  resolveSuiteCases,
  type TestSuiteRecord,
} from '#shared/testing/cases/suite-repository';
import { caseHistory, type HistoryEntry, type StoredResult } from '#shared/testing/runs/repository';
import { wordResultText } from '#shared/testing/runs/result-texts';

/** The case or a 404 (also for another project's case id). */
export async function requireTestCase(projectId: string, caseId: string): Promise<TestCaseRecord> {
  const record = await getTestCase(projectId, caseId);
  if (!record) throw new NotFoundError('TEST_CASE_NOT_FOUND', m.caseNotFound());
  return record;
}

export async function getTestCaseForCaller(scope: ProjectScope, caseId: string): Promise<TestCase> {
  const { projectId } = scope;
  return toTestCaseView(await requireTestCase(projectId, caseId));
}

export async function listTestCasesForCaller(scope: ProjectScope, query: ListTestCasesQuery) {
  const { projectId } = scope;
  const result = await listTestCases(
    projectId,
    { type: query.type, tag: query.tag },
    { limit: query.limit, cursor: query.cursor },
  );
  return { items: result.items.map(toTestCaseView), nextCursor: result.nextCursor };
}

/** A case as the API shows it. */
export function toTestCaseView(record: TestCaseRecord): TestCase {
  return {
    id: record.id,
    projectId: record.projectId,
    name: record.name,
    type: record.type,
    tags: record.tags,
    spec: record.spec,
    ...(record.classname !== undefined ? { classname: record.classname } : {}),
    version: record.version,
    createdBy: record.createdBy,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
  };
}

// ---------------------------------------------------------------------------------------------
// Suites

/** A suite with the cases a run of it would execute now. */
export async function getTestSuiteForCaller(scope: ProjectScope, suiteId: string): Promise<TestSuite> {
  const { projectId } = scope;
  const { suite, cases } = await resolveSuiteCases(projectId, suiteId);
  return {
    ...toTestSuiteView(suite),
    cases: cases.map((record) => ({ id: record.id, name: record.name, type: record.type })),
  };
}

export async function listTestSuitesForCaller(scope: ProjectScope, page: PageQuery) {
  const { projectId } = scope;
  const result = await listTestSuites(projectId, page);
  return { items: result.items.map(toTestSuiteView), nextCursor: result.nextCursor };
}

export { requireTestSuite };

/** A suite as the API shows it (without its resolved cases). */
export function toTestSuiteView(suite: TestSuiteRecord): TestSuite {
  return {
    id: suite.id,
    projectId: suite.projectId,
    name: suite.name,
    caseIds: suite.caseIds,
    tags: suite.tags,
    version: suite.version,
    createdBy: suite.createdBy,
    createdAt: suite.createdAt,
    updatedAt: suite.updatedAt,
  };
}

// ---------------------------------------------------------------------------------------------
// History

export interface CaseHistoryEntry {
  runId: string;
  status: StoredResult['status'];
  durationMs: number;
  attempts: number;
  flaky: boolean;
  commit?: string;
  branch?: string;
  error?: string;
  at: string;
}

export interface CaseHistoryView {
  caseId: string;
  flaky: boolean;
  passRate: number | null;
  items: CaseHistoryEntry[];
  nextCursor: string | null;
}

/**
 * A case's latest results, newest first (a page of them). The window is `flaky` when any
 * result in it is flaky (passed after a retry, or marked when its run completed) or when it
 * holds both a pass and a failure (or error) on the same commit. `passRate` counts the
 * window's non-skipped results.
 */
export async function getCaseHistory(
  scope: ProjectScope,
  caseId: string,
  page: { limit: number; cursor?: string },
): Promise<CaseHistoryView> {
  const { projectId } = scope;
  await requireTestCase(projectId, caseId);
  const result = await caseHistory(caseId, page);
  const results = result.items.filter((item) => item.projectId === projectId);
  return { caseId, ...summarizeHistory(results), items: results.map(toHistoryEntry), nextCursor: result.nextCursor };
}

/** Flakiness and pass rate of a window of a case's results. */
export function summarizeHistory(results: readonly Pick<StoredResult, 'status' | 'flaky' | 'attempts' | 'commit'>[]): {
  flaky: boolean;
  passRate: number | null;
} {
  const outcomesByCommit = new Map<string, Set<'pass' | 'fail'>>();
  let flaky = false;
  let counted = 0;
  let passed = 0;
  for (const result of results) {
    if (result.flaky || (result.status === 'passed' && result.attempts > 1)) flaky = true;
    if (result.status === 'skipped') continue;
    counted++;
    if (result.status === 'passed') passed++;
    if (result.commit) {
      const outcomes = outcomesByCommit.get(result.commit) ?? new Set();
      outcomes.add(result.status === 'passed' ? 'pass' : 'fail');
      outcomesByCommit.set(result.commit, outcomes);
    }
  }
  for (const outcomes of outcomesByCommit.values()) if (outcomes.size === 2) flaky = true;
  return { flaky, passRate: counted === 0 ? null : passed / counted };
}

function toHistoryEntry(result: HistoryEntry): CaseHistoryEntry {
  return {
    runId: result.runId,
    status: result.status,
    durationMs: result.durationMs,
    attempts: result.attempts,
    flaky: result.flaky || (result.status === 'passed' && result.attempts > 1),
    ...(result.commit ? { commit: result.commit } : {}),
    ...(result.branch ? { branch: result.branch } : {}),
    ...(result.error ? { error: wordResultText(result.error) } : {}),
    at: result.at,
  };
}
