import { deleteIfExists, putIfAbsent, putIfVersion } from '#shared/data/conditional-writes';
import { type Page, recordOf, table } from '#shared/data/repository';
import { NotFoundError } from '#shared/http/errors';
import * as m from '#shared/testing/cases/messages';
import { casesWithAnyTag, getTestCases, type TestCaseRecord } from '#shared/testing/cases/repository';

/**
 * Storage of test suites.
 *
 *  - suite: PK = PROJECT#<projectId>, SK = TESTSUITE#<suiteId>  (ULID ids: the partition reads newest first)
 */
export interface TestSuiteRecord {
  id: string;
  projectId: string;
  name: string;
  caseIds: string[];
  /** Cases carrying any of these tags belong to the suite too, whenever it is resolved. */
  tags: string[];
  version: number;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

const partition = (projectId: string) => `PROJECT#${projectId}`;
export const testSuiteKey = (projectId: string, suiteId: string) => ({
  PK: partition(projectId),
  SK: `TESTSUITE#${suiteId}`,
});

const suiteItem = (suite: TestSuiteRecord) => ({
  ...testSuiteKey(suite.projectId, suite.id),
  type: 'TestSuite',
  ...suite,
});

export async function getTestSuite(projectId: string, suiteId: string): Promise<TestSuiteRecord | undefined> {
  const key = testSuiteKey(projectId, suiteId);
  return recordOf<TestSuiteRecord>(await table.get(key.PK, key.SK));
}

/** The suite or a 404 (also for another project's suite id). */
export async function requireTestSuite(projectId: string, suiteId: string): Promise<TestSuiteRecord> {
  const suite = await getTestSuite(projectId, suiteId);
  if (!suite) throw new NotFoundError('TEST_SUITE_NOT_FOUND', m.suiteNotFound());
  return suite;
}

/** A project's suites, newest first. */
export async function listTestSuites(
  projectId: string,
  page: { limit: number; cursor?: string },
): Promise<Page<TestSuiteRecord>> {
  const result = await table.queryPage(
    {
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :suite)',
      ExpressionAttributeValues: { ':pk': partition(projectId), ':suite': 'TESTSUITE#' },
      ScanIndexForward: false,
    },
    page,
    { attributes: ['PK', 'SK'], partition: { PK: partition(projectId) } },
  );
  return { items: result.items.map((item) => recordOf<TestSuiteRecord>(item)!), nextCursor: result.nextCursor };
}

/** Stores a new suite; false when the id is taken. */
export async function insertTestSuite(suite: TestSuiteRecord): Promise<boolean> {
  return putIfAbsent(suiteItem(suite));
}

/** Replaces a suite if its stored version is `expectedVersion`; false otherwise (or when it is gone). */
export async function replaceTestSuite(next: TestSuiteRecord, expectedVersion: number): Promise<boolean> {
  return putIfVersion(suiteItem(next), expectedVersion);
}

/** Deletes a suite; false when there was none. Its runs stay. */
export async function deleteTestSuiteRecord(projectId: string, suiteId: string): Promise<boolean> {
  return deleteIfExists(testSuiteKey(projectId, suiteId));
}

/**
 * A suite and its cases as a run would execute them now: the listed cases (in the suite's
 * order; ids that no longer exist are left out), then the cases carrying any of its tags
 * (newest first), each case once. NotFoundError when the suite is not in the project.
 */
export async function resolveSuiteCases(
  projectId: string,
  suiteId: string,
): Promise<{ suite: TestSuiteRecord; cases: TestCaseRecord[] }> {
  const suite = await requireTestSuite(projectId, suiteId);
  const [listed, tagged] = await Promise.all([
    getTestCases(projectId, suite.caseIds),
    casesWithAnyTag(projectId, suite.tags),
  ]);
  const seen = new Set<string>();
  const cases: TestCaseRecord[] = [];
  for (const record of [...listed, ...tagged]) {
    if (seen.has(record.id)) continue;
    seen.add(record.id);
    cases.push(record);
  }
  return { suite, cases };
}
