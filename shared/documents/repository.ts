import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { ITEM_EXISTS, putIfAbsentItem, transact, updateAndGetIf } from '#shared/data/conditional-writes';
import { type Item, type Page, recordOf, type TransactItem, table } from '#shared/data/repository';
import type { DocumentRecord, DocumentStatus, DocumentType, DocumentVersionRecord } from '#shared/documents/model';

/**
 * Storage of documents, their versions and per-project numbers (key layout: model.ts).
 * The document's `type` is stored as `documentType`: `type` is the table's item tag.
 */

const partition = (projectId: string) => `PROJECT#${projectId}`;
const versionSortKey = (documentId: string, version: number) =>
  `DOCVERSION#${documentId}#${String(version).padStart(8, '0')}`;

/** The document item's key. */
export const documentKey = (projectId: string, documentId: string) => ({
  PK: partition(projectId),
  SK: `DOCUMENT#${documentId}`,
});
const numberKey = (projectId: string, number: number) => ({ PK: partition(projectId), SK: `DOCNUMBER#${number}` });
const counterKey = (projectId: string) => ({ PK: partition(projectId), SK: 'COUNTER#document' });
const versionKey = (projectId: string, documentId: string, version: number) => ({
  PK: partition(projectId),
  SK: versionSortKey(documentId, version),
});
const BASE_KEY_SHAPE = (projectId: string) => ({ attributes: ['PK', 'SK'], partition: { PK: partition(projectId) } });

/**
 * The sort-key prefixes of a document's own items beside the document and its number
 * (versions, and the reviews' and links' items), removed with it.
 */
const CHILD_PREFIXES = ['DOCVERSION', 'DOCAPPROVAL', 'DOCCOMMENT', 'DOCLINK'] as const;

/** Items a filtered list reads at most per request before it answers what it found and a cursor. */
const MAX_FILTERED_READ = 1_000;
/** Tries at taking the next number when other documents are created at the same moment. */
const NUMBER_ATTEMPTS = 8;

/**
 * `transact`, where a transaction cancelled because another one held the same items at that
 * moment (DynamoDB's TransactionConflict: two saves or creates racing) counts as a failed
 * condition on its first item, so that the caller reads again and decides.
 */
async function transactRacing(items: TransactItem[]): Promise<number> {
  try {
    return await transact(items);
  } catch (error) {
    const reasons = error instanceof TransactionCanceledException ? (error.CancellationReasons ?? []) : [];
    if (reasons.some((reason) => reason.Code === 'TransactionConflict')) return 0;
    throw error;
  }
}

function documentItem(record: DocumentRecord): Item {
  const { type: documentType, ...rest } = record;
  return { ...documentKey(record.projectId, record.id), type: 'Document', documentType, ...rest };
}

function documentOf(item: Item): DocumentRecord {
  const { documentType, ...rest } = recordOf<Record<string, unknown>>(item)!;
  return { ...rest, type: documentType } as DocumentRecord;
}

function versionItem(record: DocumentVersionRecord): Item {
  return { ...versionKey(record.projectId, record.documentId, record.version), type: 'DocumentVersion', ...record };
}

/** A document by id; undefined when the project has none with it. */
export async function getDocumentRecord(projectId: string, documentId: string): Promise<DocumentRecord | undefined> {
  const key = documentKey(projectId, documentId);
  const item = await table.get(key.PK, key.SK);
  return item ? documentOf(item) : undefined;
}

/** The id of the document with `number` in the project; undefined when there is none (never was, or deleted). */
export async function documentIdByNumber(projectId: string, number: number): Promise<string | undefined> {
  const key = numberKey(projectId, number);
  const item = await table.get<{ documentId: string }>(key.PK, key.SK);
  return item?.documentId;
}

/**
 * Stores a new document with its first version, taking the project's next number: the counter
 * moves from the value read, the number's alias is created, the document and version are put,
 * all in one transaction; when another create took the number meanwhile, reads and tries again.
 * Numbers only ever grow, so a deleted document's number is never given again. The number is
 * filled in on `document` and `version` is stored as given. Answers the stored document.
 */
export async function insertDocument(
  document: Omit<DocumentRecord, 'number'>,
  version: DocumentVersionRecord,
): Promise<DocumentRecord> {
  const { projectId } = document;
  for (let attempt = 0; attempt < NUMBER_ATTEMPTS; attempt++) {
    const counter = counterKey(projectId);
    const current = (await table.get<{ value: number }>(counter.PK, counter.SK))?.value ?? 0;
    const record: DocumentRecord = { ...document, number: current + 1 };
    const counterMove: TransactItem = {
      Update: {
        TableName: table.name,
        Key: counter,
        UpdateExpression: 'SET #value = :next, #type = :type',
        ConditionExpression: current === 0 ? 'attribute_not_exists(PK)' : '#value = :current',
        ExpressionAttributeNames: { '#value': 'value', '#type': 'type' },
        ExpressionAttributeValues: {
          ':next': record.number,
          ':type': 'DocumentCounter',
          ...(current === 0 ? {} : { ':current': current }),
        },
      },
    };
    const failed = await transactRacing([
      counterMove,
      putIfAbsentItem({ ...numberKey(projectId, record.number), type: 'DocumentNumber', documentId: record.id }),
      putIfAbsentItem(documentItem(record)),
      putIfAbsentItem(versionItem(version)),
    ]);
    if (failed === -1) return record;
    if (failed > 1) throw new Error('Document id collision');
  }
  throw new Error(`No document number after ${NUMBER_ATTEMPTS} attempts`);
}

/**
 * Saves a new version: replaces the document item if it still is at `expected.version` and
 * `expected.status` (a review moving the status meanwhile changes the answer), and puts the
 * immutable version item. False when the document moved (or is gone).
 */
export async function saveDocumentVersion(
  next: DocumentRecord,
  version: DocumentVersionRecord,
  expected: { version: number; status: DocumentStatus },
): Promise<boolean> {
  const failed = await transactRacing([
    {
      Put: {
        TableName: table.name,
        Item: documentItem(next),
        ConditionExpression: `${ITEM_EXISTS} AND #version = :version AND #status = :status`,
        ExpressionAttributeNames: { '#version': 'version', '#status': 'status' },
        ExpressionAttributeValues: { ':version': expected.version, ':status': expected.status },
      },
    },
    putIfAbsentItem(versionItem(version)),
  ]);
  if (failed === 1) throw new Error('Document version already stored');
  return failed === -1;
}

/** The attributes of a document other parts (reviews) move, with a condition of their own. */
export type DocumentReviewChanges = Partial<Pick<DocumentRecord, 'status' | 'reviewers' | 'requiredApprovals'>>;

/**
 * Changes review attributes of a document when it is still at `condition.version` (if given)
 * and in one of `condition.statuses` (if given); answers the document as it is afterwards, or
 * undefined when the condition failed or the document is gone. Never touches the version: a
 * save (core) and a review step (reviews) serialize on the document item.
 */
export async function updateDocumentIf(
  projectId: string,
  documentId: string,
  changes: DocumentReviewChanges,
  condition: { version?: number; statuses?: readonly DocumentStatus[] } = {},
): Promise<DocumentRecord | undefined> {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const sets: string[] = [];
  for (const [name, value] of Object.entries(changes)) {
    if (value === undefined) continue;
    names[`#${name}`] = name;
    values[`:${name}`] = value;
    sets.push(`#${name} = :${name}`);
  }
  const conditions = [ITEM_EXISTS];
  if (condition.version !== undefined) {
    names['#version'] = 'version';
    values[':expectedVersion'] = condition.version;
    conditions.push('#version = :expectedVersion');
  }
  if (condition.statuses !== undefined) {
    names['#status'] = 'status';
    const options = condition.statuses.map((status, index) => {
      values[`:allowed${index}`] = status;
      return `:allowed${index}`;
    });
    conditions.push(`#status IN (${options.join(', ')})`);
  }
  if (sets.length === 0) throw new Error('updateDocumentIf needs a change');
  const item = await updateAndGetIf({
    Key: documentKey(projectId, documentId),
    UpdateExpression: `SET ${sets.join(', ')}`,
    ConditionExpression: conditions.join(' AND '),
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
  });
  return item ? documentOf(item) : undefined;
}

/** One version of a document; undefined when it has none with that number. */
export async function getVersionRecord(
  projectId: string,
  documentId: string,
  version: number,
): Promise<DocumentVersionRecord | undefined> {
  const key = versionKey(projectId, documentId, version);
  return recordOf<DocumentVersionRecord>(await table.get(key.PK, key.SK));
}

/** A page of a document's versions, newest first. */
export async function listVersionRecords(
  projectId: string,
  documentId: string,
  page: { limit: number; cursor?: string },
): Promise<Page<DocumentVersionRecord>> {
  const result = await table.queryPage(
    {
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
      ExpressionAttributeValues: { ':pk': partition(projectId), ':prefix': `DOCVERSION#${documentId}#` },
      ScanIndexForward: false,
    },
    page,
    BASE_KEY_SHAPE(projectId),
  );
  return { items: result.items.map((item) => recordOf<DocumentVersionRecord>(item)!), nextCursor: result.nextCursor };
}

/** What a document list may be narrowed to. */
export interface DocumentFilter {
  type?: DocumentType;
  status?: DocumentStatus;
  tag?: string;
}

/**
 * A page of a project's documents, newest first (descending number: ids are ULIDs, so the
 * document items sort by creation). Filters apply while reading; a very selective one may
 * answer a short page with a cursor to continue from.
 */
export async function listDocumentRecords(
  projectId: string,
  filter: DocumentFilter,
  page: { limit: number; cursor?: string },
): Promise<Page<DocumentRecord>> {
  const conditions: string[] = [];
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = { ':pk': partition(projectId), ':prefix': 'DOCUMENT#' };
  const filters: [keyof DocumentFilter, string, string][] = [
    ['type', 'documentType', '#documentType = :documentType'],
    ['status', 'status', '#status = :status'],
    ['tag', 'tags', 'contains(#tags, :tags)'],
  ];
  for (const [field, attribute, expression] of filters) {
    if (filter[field] === undefined) continue;
    conditions.push(expression);
    names[`#${attribute}`] = attribute;
    values[`:${attribute}`] = filter[field];
  }
  const result = await table.queryFilteredPage(
    {
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
      ExpressionAttributeValues: values,
      ScanIndexForward: false,
      ...(conditions.length > 0 ? { FilterExpression: conditions.join(' AND '), ExpressionAttributeNames: names } : {}),
    },
    page,
    BASE_KEY_SHAPE(projectId),
    MAX_FILTERED_READ,
  );
  return { items: result.items.map(documentOf), nextCursor: result.nextCursor };
}

/**
 * Removes a document and its number's alias at once (from then on nothing serves it); false
 * when it was already gone. Its versions and other items go next (`deleteDocumentItems`).
 */
export async function deleteDocumentRecord(record: DocumentRecord): Promise<boolean> {
  const failed = await transact([
    {
      Delete: {
        TableName: table.name,
        Key: documentKey(record.projectId, record.id),
        ConditionExpression: ITEM_EXISTS,
      },
    },
    { Delete: { TableName: table.name, Key: numberKey(record.projectId, record.number) } },
  ]);
  return failed === -1;
}

/**
 * Removes every item of a deleted document (versions, approvals, comments, its own links);
 * answers the body keys its versions named, for the bucket.
 */
export async function deleteDocumentItems(projectId: string, documentId: string): Promise<string[]> {
  const bodyKeys: string[] = [];
  for (const prefix of CHILD_PREFIXES) {
    const items = await table.queryAll<Item>({
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
      ExpressionAttributeValues: { ':pk': partition(projectId), ':prefix': `${prefix}#${documentId}#` },
    });
    for (const item of items) if (typeof item.bodyKey === 'string') bodyKeys.push(item.bodyKey);
    await table.batchWrite(
      items.map((item) => ({ DeleteRequest: { Key: { PK: String(item.PK), SK: String(item.SK) } } })),
    );
  }
  return bodyKeys;
}
