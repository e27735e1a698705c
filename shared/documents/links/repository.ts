import { createHash } from 'node:crypto';
import { deleteIfExists, putIfAbsent } from '#shared/data/conditional-writes';
import { recordOf, table } from '#shared/data/repository';
import type { DocumentLinkType, LinkTargetType } from '#shared/schemas/documents';

// Links from a document to another resource (shared/documents/model.ts): SK =
// DOCLINK#<documentId>#<linkId> in the project's partition, and GSI1PK =
// LINKTARGET#<projectId>#<targetType>#<targetId> for the reverse direction (what links to a
// test case, an environment, a document). A link's id is derived from what it links, so the same
// link twice is one item: the second insert fails its condition and answers 409.

/** A link as stored (`linkType`: `type` is the item's tag, which recordOf drops). */
export interface DocumentLinkRecord {
  id: string;
  projectId: string;
  documentId: string;
  linkType: DocumentLinkType;
  targetType: LinkTargetType;
  targetId: string;
  criterionId: string | null;
  createdBy: string;
  createdAt: string;
}

const partition = (projectId: string) => `PROJECT#${projectId}`;
const linkPrefix = (documentId: string) => `DOCLINK#${documentId}#`;
const linkKey = (projectId: string, documentId: string, linkId: string) => ({
  PK: partition(projectId),
  SK: `${linkPrefix(documentId)}${linkId}`,
});
const targetIndexKey = (projectId: string, targetType: LinkTargetType, targetId: string) =>
  `LINKTARGET#${projectId}#${targetType}#${targetId}`;

/** The id of the link with these ends (26 lowercase hex characters of a SHA-256: a resource id like any other). */
export function linkIdOf(link: Omit<DocumentLinkRecord, 'id' | 'createdBy' | 'createdAt'>): string {
  const identity = [
    link.projectId,
    link.documentId,
    link.linkType,
    link.targetType,
    link.targetId,
    link.criterionId ?? '',
  ];
  return createHash('sha256').update(identity.join('\n')).digest('hex').slice(0, 26);
}

/** Stores the link; false when the document already has it. */
export function insertLink(record: DocumentLinkRecord): Promise<boolean> {
  return putIfAbsent({
    ...linkKey(record.projectId, record.documentId, record.id),
    GSI1PK: targetIndexKey(record.projectId, record.targetType, record.targetId),
    GSI1SK: `${linkPrefix(record.documentId)}${record.id}`,
    type: 'DocumentLink',
    ...record,
  });
}

/** The document's link, or undefined. */
export async function getLink(projectId: string, documentId: string, linkId: string) {
  const key = linkKey(projectId, documentId, linkId);
  return recordOf<DocumentLinkRecord>(await table.get(key.PK, key.SK));
}

/** Deletes the link; false when there was none. */
export function deleteLink(projectId: string, documentId: string, linkId: string): Promise<boolean> {
  return deleteIfExists(linkKey(projectId, documentId, linkId));
}

const byCreation = (a: DocumentLinkRecord, b: DocumentLinkRecord) =>
  a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id);

/** The links a document makes (bounded by MAX_LINKS_PER_DOCUMENT), oldest first. */
export async function listDocumentLinks(projectId: string, documentId: string): Promise<DocumentLinkRecord[]> {
  const items = await table.queryAll({
    KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
    ExpressionAttributeValues: { ':pk': partition(projectId), ':prefix': linkPrefix(documentId) },
    ConsistentRead: true,
  });
  return items.map((item) => recordOf<DocumentLinkRecord>(item)!).sort(byCreation);
}

/** How many links the document makes (keys only). */
export function countDocumentLinks(projectId: string, documentId: string): Promise<number> {
  return table.countPrefix(partition(projectId), linkPrefix(documentId));
}

/** The links of the project's documents to one resource, oldest first (GSI1: eventually consistent). */
export async function listLinksToTarget(
  projectId: string,
  targetType: LinkTargetType,
  targetId: string,
): Promise<DocumentLinkRecord[]> {
  const items = await table.queryAll({
    IndexName: 'GSI1',
    KeyConditionExpression: 'GSI1PK = :target',
    ExpressionAttributeValues: { ':target': targetIndexKey(projectId, targetType, targetId) },
  });
  return items.map((item) => recordOf<DocumentLinkRecord>(item)!).sort(byCreation);
}
