import { createHash } from 'node:crypto';
import { deleteIfExists, putIfAbsent, putIfVersion } from '#shared/data/conditional-writes';
import { itemSizeBytes } from '#shared/data/item-size';
import { type Item, type Page, recordOf, table } from '#shared/data/repository';
import { TEST_CASE_LIMITS, type TestCaseType } from '#shared/schemas/test-results';
import { chunks, mapConcurrently } from '#shared/utils/batches';

/**
 * Storage of test cases.
 *
 *  - case:  PK = PROJECT#<projectId>, SK = TESTCASE#<caseId>
 *           GSI1PK = TESTCASES#<projectId>, GSI1SK = TESTCASE#<createdAt>#<caseId>  (newest first)
 *
 * Cases created through the API have ULID ids; cases created by a JUnit import have a
 * deterministic id derived from the project and the report's classname + name
 * (`importedCaseId`), so that the next import of the same report finds them by key.
 * The case's `type` is stored as `caseType`: `type` is the table's item tag.
 */
export interface TestCaseRecord {
  id: string;
  projectId: string;
  name: string;
  type: TestCaseType;
  tags: string[];
  /** The type's spec (see shared/schemas/test-cases.ts); `{}` for unit, integration and e2e cases. */
  spec: unknown;
  /** Cases created by a JUnit import: the report's classname. */
  classname?: string;
  version: number;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

const partition = (projectId: string) => `PROJECT#${projectId}`;
export const testCaseKey = (projectId: string, caseId: string) => ({
  PK: partition(projectId),
  SK: `TESTCASE#${caseId}`,
});
const listIndex = (projectId: string) => `TESTCASES#${projectId}`;
const LIST_KEY_SHAPE = (projectId: string) => ({
  attributes: ['PK', 'SK', 'GSI1PK', 'GSI1SK'],
  partition: { GSI1PK: listIndex(projectId) },
});

/** BatchGet calls in flight at once when reading many cases. */
const READ_CONCURRENCY = 8;
/** BatchWrite calls (of 25) in flight at once when creating imported cases. */
const WRITE_CONCURRENCY = 8;

function caseItem(record: TestCaseRecord): Item {
  const { type: caseType, ...rest } = record;
  return {
    ...testCaseKey(record.projectId, record.id),
    GSI1PK: listIndex(record.projectId),
    GSI1SK: `TESTCASE#${record.createdAt}#${record.id}`,
    type: 'TestCase',
    caseType,
    ...rest,
  };
}

/** The size DynamoDB counts for the case's item (names and values), in bytes. */
export function testCaseItemBytes(record: TestCaseRecord): number {
  return itemSizeBytes(caseItem(record));
}

function caseOf(item: Item): TestCaseRecord {
  const { caseType, ...rest } = recordOf<Record<string, unknown>>(item)!;
  return { ...rest, type: caseType } as TestCaseRecord;
}

export async function getTestCase(projectId: string, caseId: string): Promise<TestCaseRecord | undefined> {
  const key = testCaseKey(projectId, caseId);
  const item = await table.get(key.PK, key.SK);
  return item ? caseOf(item) : undefined;
}

/** The project's cases among `caseIds`, in the order asked (duplicates once); missing ones are absent. */
export async function getTestCases(projectId: string, caseIds: readonly string[]): Promise<TestCaseRecord[]> {
  const unique = [...new Set(caseIds)];
  const batches = await mapConcurrently(chunks(unique, 100), READ_CONCURRENCY, (ids) =>
    table.batchGet(ids.map((id) => testCaseKey(projectId, id))),
  );
  const byId = new Map<string, TestCaseRecord>();
  for (const item of batches.flat()) {
    const record = caseOf(item);
    byId.set(record.id, record);
  }
  return unique.flatMap((id) => byId.get(id) ?? []);
}

/** Stores a new case; false when the id is taken. */
export async function insertTestCase(record: TestCaseRecord): Promise<boolean> {
  return putIfAbsent(caseItem(record));
}

/** Replaces a case if its stored version is `expectedVersion`; false otherwise (or when it is gone). */
export async function replaceTestCase(next: TestCaseRecord, expectedVersion: number): Promise<boolean> {
  return putIfVersion(caseItem(next), expectedVersion);
}

/** Deletes a case; false when there was none. Its past results stay in their runs. */
export async function deleteTestCaseRecord(projectId: string, caseId: string): Promise<boolean> {
  return deleteIfExists(testCaseKey(projectId, caseId));
}

/** Items a filtered list reads at most per request before it answers with what it found and a cursor. */
const MAX_FILTERED_READ = 1_000;

/**
 * A project's cases, newest first, optionally of one type and/or carrying one tag. Filters
 * are applied while reading the project's case index; a page is filled up to `limit` but
 * reads at most MAX_FILTERED_READ cases, so a very selective filter may answer a short (even
 * empty) page with a `nextCursor` to continue from.
 */
export async function listTestCases(
  projectId: string,
  filter: { type?: TestCaseType; tag?: string },
  page: { limit: number; cursor?: string },
): Promise<Page<TestCaseRecord>> {
  const conditions: string[] = [];
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = { ':pk': listIndex(projectId), ':case': 'TESTCASE#' };
  if (filter.type) {
    conditions.push('#caseType = :caseType');
    names['#caseType'] = 'caseType';
    values[':caseType'] = filter.type;
  }
  if (filter.tag) {
    conditions.push('contains(#tags, :tag)');
    names['#tags'] = 'tags';
    values[':tag'] = filter.tag;
  }
  const input = {
    IndexName: 'GSI1',
    KeyConditionExpression: 'GSI1PK = :pk AND begins_with(GSI1SK, :case)',
    ExpressionAttributeValues: values,
    ScanIndexForward: false,
    ...(conditions.length > 0 ? { FilterExpression: conditions.join(' AND '), ExpressionAttributeNames: names } : {}),
  };
  const result = await table.queryFilteredPage(input, page, LIST_KEY_SHAPE(projectId), MAX_FILTERED_READ);
  return { items: result.items.map(caseOf), nextCursor: result.nextCursor };
}

/** Every case of the project carrying any of `tags` (a suite's dynamic selection), newest first. */
export async function casesWithAnyTag(projectId: string, tags: readonly string[]): Promise<TestCaseRecord[]> {
  if (tags.length === 0) return [];
  const values: Record<string, unknown> = { ':pk': listIndex(projectId), ':case': 'TESTCASE#' };
  tags.forEach((tag, index) => {
    values[`:tag${index}`] = tag;
  });
  const items = await table.queryAll({
    IndexName: 'GSI1',
    KeyConditionExpression: 'GSI1PK = :pk AND begins_with(GSI1SK, :case)',
    FilterExpression: tags.map((_, index) => `contains(#tags, :tag${index})`).join(' OR '),
    ExpressionAttributeNames: { '#tags': 'tags' },
    ExpressionAttributeValues: values,
    ScanIndexForward: false,
  });
  return items.map(caseOf);
}

// ---------------------------------------------------------------------------------------------
// Imported cases

const BASE32 = '0123456789abcdefghijklmnopqrstuv';

/**
 * The id of the case an import creates for `key` (`caseKey(classname, name)`, testing/imports/case-key.ts): the
 * first 26 base32 characters (0-9a-v) of sha256(projectId + '\n' + key). Deterministic, so
 * re-imports match by key; a resource id like any other (/^[0-9a-z]{26}$/).
 */
export function importedCaseId(projectId: string, key: string): string {
  const digest = createHash('sha256').update(`${projectId}\n${key}`).digest();
  let id = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of digest) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5 && id.length < 26) {
      bits -= 5;
      id += BASE32[(buffer >> bits) & 31];
    }
    buffer &= (1 << bits) - 1;
    if (id.length === 26) break;
  }
  return id;
}

/** A case as a report names it: `key` is `caseKey(classname, name)`. */
export interface ImportedCaseRef {
  key: string;
  classname: string;
  name: string;
  /** The type a missing case is created with (default `unit`). */
  type?: 'unit' | 'integration' | 'e2e';
}

/**
 * Finds the cases of a report by their deterministic ids (BatchGet, 100 at a time, several in
 * flight) and creates the missing ones (type `unit`, no tags) with batched writes. Returns,
 * per key, the case id and its current name (a stored case keeps the name a user gave it).
 *
 * Not transactional: two imports creating the same new case at once both write the same
 * item (same id, same content), which is harmless.
 */
export async function matchOrCreateImportedCases(
  projectId: string,
  cases: readonly ImportedCaseRef[],
  createdBy: string,
): Promise<Map<string, { id: string; name: string }>> {
  const byKey = new Map<string, ImportedCaseRef & { id: string }>();
  for (const ref of cases) {
    if (!byKey.has(ref.key)) byKey.set(ref.key, { ...ref, id: importedCaseId(projectId, ref.key) });
  }
  const wanted = [...byKey.values()];
  const existing = await getTestCases(
    projectId,
    wanted.map((ref) => ref.id),
  );
  const found = new Map(existing.map((record) => [record.id, record]));
  const now = new Date().toISOString();
  const created: TestCaseRecord[] = [];
  const result = new Map<string, { id: string; name: string }>();
  for (const ref of wanted) {
    const stored = found.get(ref.id);
    if (stored) {
      result.set(ref.key, { id: stored.id, name: stored.name });
      continue;
    }
    const name = ref.name.trim().slice(0, TEST_CASE_LIMITS.nameLength) || ref.key.slice(0, TEST_CASE_LIMITS.nameLength);
    created.push({
      id: ref.id,
      projectId,
      name,
      type: ref.type ?? 'unit',
      tags: [],
      spec: {},
      classname: ref.classname,
      version: 1,
      createdBy,
      createdAt: now,
      updatedAt: now,
    });
    result.set(ref.key, { id: ref.id, name });
  }
  await table.batchWrite(
    created.map((record) => ({ PutRequest: { Item: caseItem(record) } })),
    WRITE_CONCURRENCY,
  );
  return result;
}
