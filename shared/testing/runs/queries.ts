import type { ProjectScope } from '#shared/auth/project-access';
import { NotFoundError } from '#shared/http/errors';
import { currentLocale } from '#shared/i18n/catalogue';
import type { Locale } from '#shared/i18n/locale';
import type { CaseStatus } from '#shared/schemas/test-results';
import {
  type ListTestRunsQuery,
  type RunCaseResult,
  TEST_RUN_LIMITS,
  type TestRun,
  type TestRunStatus,
} from '#shared/schemas/test-runs';
import * as m from '#shared/testing/runs/messages';
import {
  getTestRun,
  listResults,
  listTestRuns,
  type StoredResult,
  type TestRunRecord,
} from '#shared/testing/runs/repository';
import { wordedAssertions, wordResultText } from '#shared/testing/runs/result-texts';

/** A run of the caller's project, or 404 (another project's run is no different from a missing one). */
export async function getTestRunForCaller(scope: ProjectScope, runId: string): Promise<TestRun> {
  const { projectId } = scope;
  return testRunView(await requireTestRun(projectId, runId));
}

/** Newest first; `suiteId` narrows to the runs of a suite, `status` to one status. */
export async function listTestRunsForCaller(scope: ProjectScope, query: ListTestRunsQuery) {
  const { projectId } = scope;
  const page = await listTestRuns(
    projectId,
    { suiteKey: query.suiteId, status: query.status },
    { limit: query.limit, cursor: query.cursor },
  );
  return { items: page.items.map((run) => testRunListItemView(run)), nextCursor: page.nextCursor };
}

/** A page of a run's results by case id, optionally of one status. */
export async function listTestRunResultsForCaller(
  scope: ProjectScope,
  runId: string,
  query: { limit: number; cursor?: string; status?: CaseStatus },
) {
  const { projectId } = scope;
  const run = await requireTestRun(projectId, runId);
  const page = await listResults(run.id, { status: query.status }, { limit: query.limit, cursor: query.cursor });
  return { items: page.items.map((result) => runResultView(result)), nextCursor: page.nextCursor };
}

export async function requireTestRun(projectId: string, runId: string): Promise<TestRunRecord> {
  const run = await getTestRun(projectId, runId);
  if (!run) throw new NotFoundError('TEST_RUN_NOT_FOUND', m.runNotFound());
  return run;
}

/** The GET shape of a run: its first results inline, the rest through `.../results?cursor=`. */
export async function testRunView(run: TestRunRecord): Promise<TestRun> {
  const page = await listResults(run.id, {}, { limit: TEST_RUN_LIMITS.inlineResults });
  return {
    ...testRunListItemView(run),
    results: page.items.map((result) => runResultView(result)),
    resultsCursor: page.nextCursor ?? null,
  };
}

/** A run as lists show it: everything but its results (no execution internals), its reason worded in `locale`. */
export function testRunListItemView(
  run: TestRunRecord,
  locale: Locale = currentLocale(),
): Omit<TestRun, 'results' | 'resultsCursor'> {
  return {
    id: run.id,
    projectId: run.projectId,
    status: run.status as TestRunStatus,
    source: run.source,
    suiteId: run.suiteId ?? null,
    suiteName: run.suiteName ?? null,
    environmentId: run.environmentId ?? null,
    deploymentId: run.deploymentId ?? null,
    commit: run.commit ?? null,
    branch: run.branch ?? null,
    retries: run.retries ?? 0,
    summary: run.summary ?? null,
    newFailures: run.newFailures ?? [],
    failureReason: run.failureReason ? wordResultText(run.failureReason, locale) : null,
    createdBy: run.createdBy,
    createdAt: run.createdAt,
    startedAt: run.startedAt ?? null,
    endedAt: run.endedAt ?? null,
  };
}

/**
 * A stored result as the API shows it, its texts worded in `locale` (the request's by default):
 * without the run labels kept for the case's history.
 */
export function runResultView(stored: StoredResult, locale: Locale = currentLocale()): RunCaseResult {
  const { runId: _runId, projectId: _projectId, commit: _commit, branch: _branch, at: _at, error, ...result } = stored;
  return {
    ...result,
    assertions: wordedAssertions(result.assertions, locale),
    ...(error === undefined ? {} : { error: wordResultText(error, locale) }),
    flaky: result.flaky ?? false,
  };
}
