import { deleteIfExists, putIfAbsent } from '#shared/data/conditional-writes';
import { type Item, recordOf, table } from '#shared/data/repository';
import type { AttachmentContentType } from '#shared/documents/attachments/rules';

// Attachment metadata: SK = DOCATTACHMENT#<documentId>#<attachmentId> (key layout: shared/documents/model.ts).
// The bytes are an object of the artifacts bucket (rules.ts `attachmentObjectKey`).

/** One file attached to a document. */
export interface AttachmentRecord {
  id: string;
  projectId: string;
  documentId: string;
  fileName: string;
  contentType: AttachmentContentType;
  contentLength: number;
  objectKey: string;
  createdBy: string;
  createdAt: string;
}

const attachmentKey = (projectId: string, documentId: string, attachmentId: string) => ({
  PK: `PROJECT#${projectId}`,
  SK: `DOCATTACHMENT#${documentId}#${attachmentId}`,
});

/** Stores a new attachment's metadata; false when the id is taken. */
export async function insertAttachment(record: AttachmentRecord): Promise<boolean> {
  const item: Item = {
    ...attachmentKey(record.projectId, record.documentId, record.id),
    type: 'DocumentAttachment',
    ...record,
  };
  return putIfAbsent(item);
}

export async function getAttachment(
  projectId: string,
  documentId: string,
  attachmentId: string,
): Promise<AttachmentRecord | undefined> {
  const key = attachmentKey(projectId, documentId, attachmentId);
  return recordOf<AttachmentRecord>(await table.get(key.PK, key.SK));
}

/** A document's attachments, oldest first (ids are ULIDs). */
export async function listAttachments(projectId: string, documentId: string): Promise<AttachmentRecord[]> {
  const items = await table.queryAll({
    KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
    ExpressionAttributeValues: { ':pk': `PROJECT#${projectId}`, ':prefix': `DOCATTACHMENT#${documentId}#` },
  });
  return items.map((item) => recordOf<AttachmentRecord>(item) as AttachmentRecord);
}

/** Deletes an attachment's metadata; false when there was none. */
export async function deleteAttachmentRecord(
  projectId: string,
  documentId: string,
  attachmentId: string,
): Promise<boolean> {
  return deleteIfExists(attachmentKey(projectId, documentId, attachmentId));
}
