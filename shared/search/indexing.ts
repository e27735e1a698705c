import { GetObjectCommand } from '@aws-sdk/client-s3';
import { table } from '#shared/data/repository';
import { getProjectRecord } from '#shared/projects/repository';
import { ProjectSearchIndex, SEARCH_ITEM_TYPES, type SearchItem, type SearchItemType } from '#shared/search/index';
import { applyChange, type IndexMessage } from '#shared/search/indexing-rules';
import { ITEM_SOURCES, type ItemContext, itemSortKey, type StoredItem } from '#shared/search/items';
import { forgetSearchIndex, loadSearchIndex, saveSearchIndex } from '#shared/search/storage';
import { artifactsBucket, s3 } from '#shared/storage/s3';

// The consumer's side of the index: read what changed from the table (and a document's body
// from S3), apply it, save the project's index once per batch.

const partition = (projectId: string) => `PROJECT#${projectId}`;

/** The sort key of a document version (shared/documents/model.ts: 8 digits). */
const documentVersionSortKey = (documentId: string, version: number) =>
  `DOCVERSION#${documentId}#${String(version).padStart(8, '0')}`;

/** A document's latest body, read through its latest version's item. */
async function documentBody(projectId: string, stored: StoredItem): Promise<string | undefined> {
  const versionItem = await table.get(
    partition(projectId),
    documentVersionSortKey(String(stored.id), Number(stored.version)),
  );
  const bodyKey = versionItem?.bodyKey;
  if (typeof bodyKey !== 'string') return undefined;
  const object = await s3.send(new GetObjectCommand({ Bucket: artifactsBucket, Key: bodyKey }));
  return object.Body?.transformToString('utf8');
}

async function toSearchItem(
  type: SearchItemType,
  projectId: string,
  stored: StoredItem,
  projectKey: string,
): Promise<SearchItem> {
  const context: ItemContext =
    type === 'document' ? { projectKey, body: await documentBody(projectId, stored) } : { projectKey };
  return ITEM_SOURCES[type].toItem(stored, projectId, context);
}

/** The item as the table holds it now, or undefined when it is gone. */
async function currentItem(
  projectId: string,
  type: SearchItemType,
  id: string,
  projectKey: string,
): Promise<SearchItem | undefined> {
  const stored = await table.get(partition(projectId), itemSortKey(type, id));
  return stored ? toSearchItem(type, projectId, stored, projectKey) : undefined;
}

/** A fresh index of everything the project holds now (no tombstones). */
export async function rebuildSearchIndex(projectId: string, projectKey: string): Promise<ProjectSearchIndex> {
  const index = ProjectSearchIndex.create(projectId);
  for (const type of SEARCH_ITEM_TYPES) {
    const stored = await table.queryAll({
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
      ExpressionAttributeValues: { ':pk': partition(projectId), ':prefix': ITEM_SOURCES[type].prefix },
    });
    for (const item of stored) index.upsert(await toSearchItem(type, projectId, item, projectKey));
  }
  return index;
}

/** What one project's batch did, for the logs. */
export interface IndexingOutcome {
  readonly applied: number;
  readonly ignored: number;
  readonly rebuilt: boolean;
}

/**
 * Applies one project's messages in their order and saves its index once. A project without
 * a readable index (none yet, another format) is rebuilt from the table first, so the index
 * never holds only the items changed since. Throws on any failure, saving nothing.
 */
export async function applyIndexMessages(
  projectId: string,
  messages: readonly IndexMessage[],
): Promise<IndexingOutcome> {
  try {
    return await applyInOrder(projectId, messages);
  } catch (error) {
    // The cached copy may hold changes that were never saved: the retry must start from S3.
    forgetSearchIndex(projectId);
    throw error;
  }
}

async function applyInOrder(projectId: string, messages: readonly IndexMessage[]): Promise<IndexingOutcome> {
  const projectKey = (await getProjectRecord(projectId))?.key ?? '';
  let index = (await loadSearchIndex(projectId))?.index;
  let rebuilt = false;
  let applied = 0;
  let ignored = 0;
  for (const message of messages) {
    if (message.kind === 'rebuild' || !index) {
      index = await rebuildSearchIndex(projectId, projectKey);
      rebuilt = true;
      if (message.kind === 'rebuild') continue;
    }
    const current = await currentItem(projectId, message.type, message.id, projectKey);
    if (applyChange(index, message, current) === 'applied') applied++;
    else ignored++;
  }
  if (index && (rebuilt || applied > 0)) await saveSearchIndex(index);
  return { applied, ignored, rebuilt };
}
