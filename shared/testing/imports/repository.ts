import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '#shared/data/client';
import { ITEM_ABSENT, updateAndGetIf } from '#shared/data/conditional-writes';
import { recordOf, table } from '#shared/data/repository';
import { type IMPORT_STATUSES, IMPORT_UPLOAD_PREFIX, type ImportedCaseType } from '#shared/schemas/test-runs';

/**
 * Storage of uploaded JUnit imports (reports too large for a request body).
 *
 *  - import: PK = PROJECT#<projectId>, SK = TESTIMPORT#<importId>   (TTL: 30 days)
 *
 * The report itself is the object `imports/<projectId>/<importId>.xml` of the artifacts
 * bucket; the run it creates has the import's id as its own id, so that processing the same
 * upload twice (EventBridge delivers at least once) finds the run it started.
 */
export type ImportState = (typeof IMPORT_STATUSES)[number];

export interface ImportRecord {
  importId: string;
  projectId: string;
  status: ImportState;
  commit: string | null;
  branch: string | null;
  suite: string | null;
  /** The type of the report's cases (`caseType`: `type` is the table's item tag). */
  caseType?: ImportedCaseType;
  /** The size the presigned PUT was bound to, when the caller gave one. */
  contentLength: number | null;
  runId: string | null;
  error: { code: string; detail: string } | null;
  createdBy: string;
  /** The upload request's correlation id, carried into the run's events. */
  correlationId: string;
  createdAt: string;
  updatedAt: string;
}

/** How long an import's status stays readable. */
const RETENTION_SECONDS = 30 * 86_400;

const importKey = (projectId: string, importId: string) => ({
  PK: `PROJECT#${projectId}`,
  SK: `TESTIMPORT#${importId}`,
});

/** The artifacts-bucket key an upload goes to. */
export function importObjectKey(projectId: string, importId: string): string {
  return `${IMPORT_UPLOAD_PREFIX}${projectId}/${importId}.xml`;
}

const IMPORT_OBJECT_KEY = new RegExp(`^${IMPORT_UPLOAD_PREFIX}([0-9a-z]{26})/([0-9a-z]{26})\\.xml$`);

/** The project and import an object key belongs to; undefined for any other key. */
export function parseImportObjectKey(key: string): { projectId: string; importId: string } | undefined {
  const match = IMPORT_OBJECT_KEY.exec(key);
  return match ? { projectId: match[1] as string, importId: match[2] as string } : undefined;
}

export async function insertImport(record: ImportRecord): Promise<void> {
  await documentClient.send(
    new PutCommand({
      TableName: table.name,
      Item: {
        ...importKey(record.projectId, record.importId),
        type: 'TestImport',
        ...record,
        expiresAt: Math.floor(Date.parse(record.createdAt) / 1000) + RETENTION_SECONDS,
      },
      ConditionExpression: ITEM_ABSENT,
    }),
  );
}

export async function getImport(projectId: string, importId: string): Promise<ImportRecord | undefined> {
  const key = importKey(projectId, importId);
  return importOf(await table.get(key.PK, key.SK));
}

/**
 * Moves an import to `status` (with its run or error) while it is in one of `from`; returns
 * the updated record, or undefined when it had moved on (or never existed).
 */
export async function transitionImport(
  projectId: string,
  importId: string,
  from: readonly ImportState[],
  changes: Pick<ImportRecord, 'status'> & Partial<Pick<ImportRecord, 'runId' | 'error'>>,
): Promise<ImportRecord | undefined> {
  const names: Record<string, string> = { '#status': 'status', '#updatedAt': 'updatedAt' };
  const values: Record<string, unknown> = { ':status': changes.status, ':now': new Date().toISOString() };
  const sets = ['#status = :status', '#updatedAt = :now'];
  for (const field of ['runId', 'error'] as const) {
    if (changes[field] === undefined) continue;
    names[`#${field}`] = field;
    values[`:${field}`] = changes[field];
    sets.push(`#${field} = :${field}`);
  }
  from.forEach((status, index) => {
    values[`:from${index}`] = status;
  });
  const updated = await updateAndGetIf({
    Key: importKey(projectId, importId),
    UpdateExpression: `SET ${sets.join(', ')}`,
    ConditionExpression: `#status IN (${from.map((_, index) => `:from${index}`).join(', ')})`,
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
  });
  return importOf(updated);
}

/** The record without its keys and TTL. */
function importOf(item: Record<string, unknown> | undefined): ImportRecord | undefined {
  const record = recordOf<ImportRecord & { expiresAt?: number }>(item);
  if (!record) return undefined;
  const { expiresAt: _ttl, ...rest } = record;
  return rest;
}
