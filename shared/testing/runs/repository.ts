import { ITEM_EXISTS, putIfAbsentItem, transact, updateAndGetIf } from '#shared/data/conditional-writes';
import * as m from '#shared/data/messages';
import { type Page, recordOf, table, type WriteRequest } from '#shared/data/repository';
import { BadRequestError } from '#shared/http/errors';
import { type RecordedText, storedText } from '#shared/i18n/stored';
import type { RecordedAssertion } from '#shared/schemas/test-results';
import type { ImportedCaseType, RunCaseResult, TestRunStatus, TestRunSummary } from '#shared/schemas/test-runs';
import * as runMessages from '#shared/testing/runs/messages';
import {
  type ChunkMetadata,
  type ChunkSlice,
  packChunks,
  selectChunkSlices,
  takeSlice,
  unpackChunk,
} from '#shared/testing/runs/result-chunks';

/**
 * Storage of test runs and their results.
 *
 *  - run:            PK = PROJECT#<projectId>, SK = TESTRUN#<runId>
 *                    GSI1PK = SUITERUNS#<projectId>#<suiteKey>, GSI1SK = TESTRUN#<runId>
 *  - live result:    PK = TESTRUN#<runId>, SK = RESULT#<caseId>      (written by a case's task while the run executes)
 *  - sealed results: PK = TESTRUN#<runId>, SK = RESULTS#<0000>        (gzipped JSON arrays, by case id, once finished,
 *                    with `resultCount` and `statusCounts` beside the data so a page is found without unpacking)
 *  - case history:   PK = CASEHISTORY#<caseId>, SK = RESULT#<runId>   (written after the run by the indexer)
 *  - idempotency:    PK = PROJECT#<projectId>, SK = TESTRUNKEY#<key> (TTL 24 h)
 *
 * A finished run keeps its results in a few sealed chunks rather than one item per case: a
 * 10,000-case import is then a handful of writes instead of 10,000 (DynamoDB Local manages
 * ~250 item writes a second here), and comparing with an earlier run is one read. Each case's
 * history entry is written afterwards, by the consumer of 'Test Run Completed'.
 * Run ids are ULIDs, so indexes read newest first. Results live in their run's own
 * partition: a run is checked against its project before its results are read.
 */
export interface TestRunRecord {
  id: string;
  projectId: string;
  status: TestRunStatus;
  source: 'execution' | 'import';
  /**
   * What "the same suite" means for new failures and trends: the suite id, `import:<name>` for
   * imports, or `cases:<hash>` for a run of an explicit case list.
   */
  suiteKey: string;
  suiteId: string | null;
  suiteName: string | null;
  /** Executed runs: the explicit case list asked for (suite runs resolve theirs when they start). */
  caseIds?: string[];
  environmentId: string | null;
  deploymentId: string | null;
  vars?: Record<string, string>;
  retries: number;
  commit: string | null;
  branch: string | null;
  summary: TestRunSummary | null;
  newFailures: { caseId: string; name: string }[];
  /** Why the run errored, worded when read. */
  failureReason: RecordedText | null;
  executionArn?: string;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  startedAt: string | null;
  endedAt: string | null;
  /**
   * When 'Test Run Completed' was published for this finished run. Set only after PutEvents
   * succeeded, so a finished run without it still has to be announced (see completeRun).
   */
  announcedAt?: string;
  /** Imports: the type of the cases the report holds (results and created cases get it). */
  importedType?: ImportedCaseType;
  /** Imports: the report's suite-level `<properties>` by suite path (see suitePropertiesOf). */
  suiteProperties?: Record<string, Record<string, string>>;
}

/** What a new run is created with; everything else starts empty. */
export type NewTestRun = Pick<TestRunRecord, 'id' | 'projectId' | 'status' | 'source' | 'suiteKey' | 'createdBy'> &
  Partial<
    Pick<
      TestRunRecord,
      | 'suiteId'
      | 'suiteName'
      | 'caseIds'
      | 'environmentId'
      | 'deploymentId'
      | 'vars'
      | 'retries'
      | 'commit'
      | 'branch'
      | 'importedType'
    >
  >;

/**
 * The record of a new run: no summary, failures or end yet; created now, and started now
 * when it is created `running` (an import) rather than queued for an execution.
 */
export function newTestRunRecord(run: NewTestRun): TestRunRecord {
  const now = new Date().toISOString();
  return {
    id: run.id,
    projectId: run.projectId,
    status: run.status,
    source: run.source,
    suiteKey: run.suiteKey,
    suiteId: run.suiteId ?? null,
    suiteName: run.suiteName ?? null,
    ...(run.caseIds ? { caseIds: run.caseIds } : {}),
    environmentId: run.environmentId ?? null,
    deploymentId: run.deploymentId ?? null,
    ...(run.vars ? { vars: run.vars } : {}),
    ...(run.importedType ? { importedType: run.importedType } : {}),
    retries: run.retries ?? 0,
    commit: run.commit ?? null,
    branch: run.branch ?? null,
    summary: null,
    newFailures: [],
    failureReason: null,
    createdBy: run.createdBy,
    createdAt: now,
    updatedAt: now,
    startedAt: run.status === 'running' ? now : null,
    endedAt: null,
  };
}

/**
 * A stored result: what the API shows (its texts as id and values, worded when read: see
 * shared/testing/runs/result-texts.ts), plus the run's labels for the case's history.
 */
export type StoredResult = Omit<RunCaseResult, 'assertions' | 'error'> & {
  assertions: RecordedAssertion[];
  error?: RecordedText;
  runId: string;
  projectId: string;
  commit: string | null;
  branch: string | null;
  at: string;
};

const partition = (projectId: string) => `PROJECT#${projectId}`;
export const testRunKey = (projectId: string, runId: string) => ({ PK: partition(projectId), SK: `TESTRUN#${runId}` });
const suiteIndex = (projectId: string, suiteKey: string) => `SUITERUNS#${projectId}#${suiteKey}`;
const resultsPartition = (runId: string) => `TESTRUN#${runId}`;
export const resultKey = (runId: string, caseId: string) => ({ PK: resultsPartition(runId), SK: `RESULT#${caseId}` });
const historyPartition = (caseId: string) => `CASEHISTORY#${caseId}`;
const idempotencyKey = (projectId: string, key: string) => ({ PK: partition(projectId), SK: `TESTRUNKEY#${key}` });

/** DynamoDB's item limit is 400 KB; a result past this keeps its failures and drops passed detail. */
const MAX_RESULT_BYTES = 300 * 1024;

function runItem(run: TestRunRecord) {
  return {
    ...testRunKey(run.projectId, run.id),
    GSI1PK: suiteIndex(run.projectId, run.suiteKey),
    GSI1SK: `TESTRUN#${run.id}`,
    type: 'TestRun',
    ...run,
  };
}

/** The case's `type` is stored as `caseType`: `type` is the table's item tag. */
function resultItem(result: StoredResult) {
  const { type: caseType, ...rest } = fitResult(result);
  return { ...resultKey(result.runId, result.caseId), type: 'TestResult', caseType, ...rest };
}

function resultOf(item: Record<string, unknown>): StoredResult {
  const { caseType, ...rest } = recordOf<Record<string, unknown>>(item)!;
  return { ...rest, type: caseType } as StoredResult;
}

/**
 * Keeps a result under the item size limit: passed assertions go first, then long texts are
 * cut. What is dropped is said in the result, never silently.
 */
function fitResult(result: StoredResult): StoredResult {
  if (Buffer.byteLength(JSON.stringify(result)) <= MAX_RESULT_BYTES) return result;
  const failedOnly = result.assertions.filter((assertion) => !assertion.passed);
  const dropped = result.assertions.length - failedOnly.length;
  let fitted: StoredResult = {
    ...result,
    assertions: [
      ...failedOnly,
      {
        type: 'truncated',
        passed: true,
        expected: null,
        actual: dropped,
        message: storedText(runMessages.assertionsDropped({ count: dropped })),
      },
    ],
  };
  for (const field of ['systemOut', 'systemErr', 'details'] as const) {
    if (Buffer.byteLength(JSON.stringify(fitted)) <= MAX_RESULT_BYTES) break;
    if (fitted[field]) fitted = { ...fitted, [field]: `${fitted[field]?.slice(0, 4096)}\n[… truncated]` };
  }
  while (Buffer.byteLength(JSON.stringify(fitted)) > MAX_RESULT_BYTES && fitted.assertions.length > 1) {
    fitted = { ...fitted, assertions: fitted.assertions.slice(0, Math.floor(fitted.assertions.length / 2)) };
  }
  return fitted;
}

export async function getTestRun(projectId: string, runId: string): Promise<TestRunRecord | undefined> {
  const key = testRunKey(projectId, runId);
  return recordOf<TestRunRecord>(await table.get(key.PK, key.SK));
}

/** Stores a new run and its idempotency key; 'duplicate' when the key was used before. */
export async function insertTestRun(
  run: TestRunRecord,
  idempotency?: { key: string; requestHash: string },
): Promise<'created' | 'duplicate'> {
  const failed = await transact([
    putIfAbsentItem(runItem(run)),
    ...(idempotency
      ? [
          putIfAbsentItem({
            ...idempotencyKey(run.projectId, idempotency.key),
            type: 'TestRunIdempotencyKey',
            runId: run.id,
            requestHash: idempotency.requestHash,
            expiresAt: Math.floor(Date.now() / 1000) + 86_400,
          }),
        ]
      : []),
  ]);
  if (failed < 0) return 'created';
  if (failed === 1) return 'duplicate';
  throw new Error('Test run id collision');
}

/** What an idempotency key was used for, if it was. */
export async function findIdempotentTestRun(
  projectId: string,
  key: string,
): Promise<{ runId: string; requestHash: string } | undefined> {
  const { PK, SK } = idempotencyKey(projectId, key);
  const item = await table.get(PK, SK);
  return item ? { runId: item.runId as string, requestHash: item.requestHash as string } : undefined;
}

/**
 * Sets fields of a run. With `onlyIf`, only while the run's status is one of those; returns
 * the updated run, or undefined when the condition failed (the run moved on).
 */
export async function updateTestRun(
  projectId: string,
  runId: string,
  changes: Partial<Omit<TestRunRecord, 'id' | 'projectId' | 'suiteKey'>>,
  onlyIf?: readonly TestRunStatus[],
): Promise<TestRunRecord | undefined> {
  const entries = Object.entries({ ...changes, updatedAt: new Date().toISOString() }).filter(
    ([, value]) => value !== undefined,
  );
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const sets = entries.map(([name, value], index) => {
    names[`#f${index}`] = name;
    values[`:v${index}`] = value;
    return `#f${index} = :v${index}`;
  });
  let condition = ITEM_EXISTS;
  if (onlyIf) {
    names['#status'] = 'status';
    onlyIf.forEach((status, index) => {
      values[`:s${index}`] = status;
    });
    condition += ` AND #status IN (${onlyIf.map((_, index) => `:s${index}`).join(', ')})`;
  }
  const updated = await updateAndGetIf({
    Key: testRunKey(projectId, runId),
    UpdateExpression: `SET ${sets.join(', ')}`,
    ConditionExpression: condition,
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
  });
  return recordOf<TestRunRecord>(updated);
}

/** Newest first; by suite through GSI1 (`suiteKey` is the suite id for suite runs), else the project's partition. */
export async function listTestRuns(
  projectId: string,
  filter: { suiteKey?: string; status?: TestRunStatus },
  page: { limit: number; cursor?: string },
): Promise<Page<TestRunRecord>> {
  const statusFilter = filter.status
    ? { FilterExpression: '#status = :status', ExpressionAttributeNames: { '#status': 'status' } }
    : {};
  const statusValue = filter.status ? { ':status': filter.status } : {};
  const result = filter.suiteKey
    ? await table.queryPage(
        {
          IndexName: 'GSI1',
          KeyConditionExpression: 'GSI1PK = :suite AND begins_with(GSI1SK, :run)',
          ExpressionAttributeValues: {
            ':suite': suiteIndex(projectId, filter.suiteKey),
            ':run': 'TESTRUN#',
            ...statusValue,
          },
          ScanIndexForward: false,
          ...statusFilter,
        },
        page,
        {
          attributes: ['PK', 'SK', 'GSI1PK', 'GSI1SK'],
          partition: { GSI1PK: suiteIndex(projectId, filter.suiteKey) },
        },
      )
    : await table.queryPage(
        {
          KeyConditionExpression: 'PK = :pk AND begins_with(SK, :run)',
          ExpressionAttributeValues: { ':pk': partition(projectId), ':run': 'TESTRUN#', ...statusValue },
          ScanIndexForward: false,
          ...statusFilter,
        },
        page,
        { attributes: ['PK', 'SK'], partition: { PK: partition(projectId) } },
      );
  return { items: result.items.map((item) => recordOf<TestRunRecord>(item)!), nextCursor: result.nextCursor };
}

/**
 * The latest finished (passed or failed) runs of a suite created before `beforeRunId`,
 * newest first, at most `limit`; optionally only those on `commit`. Reads at most 200 runs back.
 */
export async function earlierFinishedRuns(
  projectId: string,
  suiteKey: string,
  beforeRunId: string,
  options: { limit: number; commit?: string },
): Promise<TestRunRecord[]> {
  const found: TestRunRecord[] = [];
  let cursor: string | undefined;
  for (let read = 0; read < 200 && found.length < options.limit; ) {
    const page = await table.queryPage(
      {
        IndexName: 'GSI1',
        KeyConditionExpression: 'GSI1PK = :suite AND GSI1SK < :before',
        ExpressionAttributeValues: { ':suite': suiteIndex(projectId, suiteKey), ':before': `TESTRUN#${beforeRunId}` },
        ScanIndexForward: false,
      },
      { limit: 50, cursor },
      { attributes: ['PK', 'SK', 'GSI1PK', 'GSI1SK'], partition: { GSI1PK: suiteIndex(projectId, suiteKey) } },
    );
    read += page.items.length;
    for (const item of page.items) {
      const run = recordOf<TestRunRecord>(item)!;
      const finished = run.status === 'passed' || run.status === 'failed';
      if (finished && (options.commit === undefined || run.commit === options.commit)) found.push(run);
      if (found.length >= options.limit) break;
    }
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  return found;
}

/** Stores live results of an executing run (idempotent per run and case: a retried task overwrites its own). */
export async function putResults(results: readonly StoredResult[]): Promise<void> {
  const requests: WriteRequest[] = results.map((result) => ({ PutRequest: { Item: resultItem(result) } }));
  await table.batchWrite(requests, 8);
}

/** A sealed chunk stays well under DynamoDB's 400 KB item limit. */
const MAX_CHUNK_BYTES = 300 * 1024;
const chunkSortKey = (index: number) => `RESULTS#${String(index).padStart(4, '0')}`;

/**
 * Seals a finished run's results (every one, sorted by case id) into gzipped chunks, then
 * serves reads from them. Sealing again replaces the chunks (a retried summary).
 * `maxChunkBytes` is for tests that need many chunks from few results.
 */
export async function sealResults(
  runId: string,
  results: readonly StoredResult[],
  options: { maxChunkBytes?: number } = {},
): Promise<void> {
  const sorted = [...results].map(fitResult).sort((a, b) => (a.caseId < b.caseId ? -1 : a.caseId > b.caseId ? 1 : 0));
  const chunks = await packChunks(sorted, options.maxChunkBytes ?? MAX_CHUNK_BYTES);
  const stale = (await sealedChunkKeys(runId)).slice(chunks.length);
  await table.batchWrite([
    ...chunks.map((chunk, index) => ({
      PutRequest: {
        Item: {
          PK: resultsPartition(runId),
          SK: chunkSortKey(index),
          type: 'TestResultChunk',
          data: chunk.data,
          resultCount: chunk.resultCount,
          statusCounts: chunk.statusCounts,
        },
      },
    })),
    ...stale.map((Key) => ({ DeleteRequest: { Key } })),
  ]);
}

async function sealedChunkKeys(runId: string): Promise<{ PK: string; SK: string }[]> {
  const items = await table.queryAll({
    KeyConditionExpression: 'PK = :pk AND begins_with(SK, :chunk)',
    ExpressionAttributeValues: { ':pk': resultsPartition(runId), ':chunk': 'RESULTS#' },
    ProjectionExpression: 'PK, SK',
  });
  return items.map((item) => ({ PK: item.PK as string, SK: item.SK as string }));
}

/** Every result of a run, by case id: the sealed chunks once finished, else the live results. */
export async function allResults(runId: string): Promise<StoredResult[]> {
  const chunks = await table.queryAll({
    KeyConditionExpression: 'PK = :pk AND begins_with(SK, :chunk)',
    ExpressionAttributeValues: { ':pk': resultsPartition(runId), ':chunk': 'RESULTS#' },
  });
  if (chunks.length > 0) {
    const arrays = await Promise.all(chunks.map((chunk) => unpackChunk<StoredResult>(chunk.data as Uint8Array)));
    return arrays.flat();
  }
  return liveResults(runId);
}

async function liveResults(runId: string): Promise<StoredResult[]> {
  const items = await table.queryAll({
    KeyConditionExpression: 'PK = :pk AND begins_with(SK, :result)',
    ExpressionAttributeValues: { ':pk': resultsPartition(runId), ':result': 'RESULT#' },
  });
  return items.map(resultOf);
}

/** The metadata of a run's sealed chunks, in order; undefined for a run sealed before chunks had it. */
async function sealedChunkMetadata(runId: string): Promise<ChunkMetadata[] | undefined> {
  const items = await table.queryAll({
    KeyConditionExpression: 'PK = :pk AND begins_with(SK, :chunk)',
    ExpressionAttributeValues: { ':pk': resultsPartition(runId), ':chunk': 'RESULTS#' },
    ProjectionExpression: 'SK, resultCount, statusCounts',
  });
  if (items.some((item) => typeof item.resultCount !== 'number')) return undefined;
  return items.map((item) => ({
    key: item.SK as string,
    resultCount: item.resultCount as number,
    statusCounts: (item.statusCounts ?? {}) as Record<string, number>,
  }));
}

/**
 * A page of a run's results, by case id; optionally of one status. The cursor is the
 * position in that ordering (a run's results do not change once it finished). A finished
 * run's page reads the chunks' counts first, then only the chunks that hold the page.
 */
export async function listResults(
  runId: string,
  filter: { status?: string },
  page: { limit: number; cursor?: string },
): Promise<Page<StoredResult>> {
  const offset = decodeOffset(page.cursor);
  const end = offset + page.limit;
  const chunks = await sealedChunkMetadata(runId);
  if (chunks && chunks.length > 0) {
    const { slices, total } = selectChunkSlices(chunks, filter.status, offset, page.limit);
    const items = await readChunkSlices(runId, slices, filter.status);
    return { items, nextCursor: end < total ? encodeOffset(end) : null };
  }
  // A running run's live results (at most the executable cases), or a run sealed without counts.
  const source = chunks ? await liveResults(runId) : await allResults(runId);
  const matching = source.filter((result) => !filter.status || result.status === filter.status);
  return { items: matching.slice(offset, end), nextCursor: end < matching.length ? encodeOffset(end) : null };
}

async function readChunkSlices(
  runId: string,
  slices: readonly ChunkSlice[],
  status: string | undefined,
): Promise<StoredResult[]> {
  const keys = slices.map((slice) => ({ PK: resultsPartition(runId), SK: slice.key }));
  // BatchGet reads up to 100 keys; a page of up to 500 results rarely spans more than a couple of chunks.
  const batches: (typeof keys)[] = [];
  for (let index = 0; index < keys.length; index += 100) batches.push(keys.slice(index, index + 100));
  const items = (await Promise.all(batches.map((batch) => table.batchGet(batch)))).flat();
  const bySortKey = new Map(items.map((item) => [item.SK as string, item]));
  const pages = await Promise.all(
    slices.map(async (slice) => {
      const item = bySortKey.get(slice.key);
      // Only if the run was sealed again, into fewer chunks, between the two reads.
      if (!item) throw new Error(`Sealed results chunk ${slice.key} of run ${runId} is missing`);
      return takeSlice(await unpackChunk<StoredResult>(item.data as Uint8Array), slice, status);
    }),
  );
  return pages.flat();
}

function encodeOffset(offset: number): string {
  return Buffer.from(JSON.stringify({ offset })).toString('base64url');
}

function decodeOffset(cursor: string | undefined): number {
  if (cursor === undefined) return 0;
  let offset: unknown;
  try {
    offset = (JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { offset?: unknown }).offset;
  } catch {
    offset = undefined;
  }
  if (typeof offset !== 'number' || !Number.isSafeInteger(offset) || offset < 0) {
    const error = new BadRequestError('INVALID_CURSOR', m.invalidCursor());
    error.extras.errors = [{ path: 'query.cursor', message: 'not a valid cursor for this list' }];
    throw error;
  }
  return offset;
}

/** The results of `caseIds` in a run (missing ones are absent). */
export async function resultsOf(runId: string, caseIds: readonly string[]): Promise<StoredResult[]> {
  const wanted = new Set(caseIds);
  return (await allResults(runId)).filter((result) => wanted.has(result.caseId));
}

/** One line of a case's history: what its result was in one run. */
export type HistoryEntry = Pick<
  StoredResult,
  | 'runId'
  | 'projectId'
  | 'caseId'
  | 'status'
  | 'durationMs'
  | 'attempts'
  | 'flaky'
  | 'commit'
  | 'branch'
  | 'error'
  | 'at'
>;

/** Records each result of a finished run in its case's history (idempotent). */
export async function putHistoryEntries(results: readonly StoredResult[]): Promise<void> {
  await table.batchWrite(
    results.map((result) => {
      const entry: HistoryEntry = {
        runId: result.runId,
        projectId: result.projectId,
        caseId: result.caseId,
        status: result.status,
        durationMs: result.durationMs,
        attempts: result.attempts,
        flaky: result.flaky,
        commit: result.commit,
        branch: result.branch,
        // Imported failures carry their message instead of an error.
        ...historyError(result),
        at: result.at,
      };
      return {
        PutRequest: {
          Item: {
            PK: historyPartition(result.caseId),
            SK: `RESULT#${result.runId}`,
            type: 'TestCaseHistory',
            ...entry,
          },
        },
      };
    }),
    8,
  );
}

/** The error a history line keeps: the result's (a stored text as it is), or an imported failure's message, cut. */
function historyError(result: StoredResult): { error?: RecordedText } {
  const error = result.error ?? result.message;
  if (!error) return {};
  return { error: typeof error === 'string' ? error.slice(0, 500) : error };
}

/** A case's results across runs, newest first. Callers check the case belongs to the project. */
export async function caseHistory(
  caseId: string,
  page: { limit: number; cursor?: string },
): Promise<Page<HistoryEntry>> {
  const result = await table.queryPage(
    {
      KeyConditionExpression: 'PK = :case AND begins_with(SK, :result)',
      ExpressionAttributeValues: { ':case': historyPartition(caseId), ':result': 'RESULT#' },
      ScanIndexForward: false,
    },
    page,
    { attributes: ['PK', 'SK'], partition: { PK: historyPartition(caseId) } },
  );
  return { items: result.items.map((item) => recordOf<HistoryEntry>(item)!), nextCursor: result.nextCursor };
}
