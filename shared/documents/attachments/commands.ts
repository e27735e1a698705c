import { DeleteObjectCommand } from '@aws-sdk/client-s3';
import { ulid } from 'ulid';
import type { ProjectScope } from '#shared/auth/project-access';
import * as m from '#shared/documents/attachments/messages';
import { requireAttachment, toAttachmentView } from '#shared/documents/attachments/queries';
import {
  type AttachmentRecord,
  deleteAttachmentRecord,
  insertAttachment,
  listAttachments,
} from '#shared/documents/attachments/repository';
import {
  ATTACHMENT_URL_SECONDS,
  ATTACHMENTS_PER_DOCUMENT,
  attachmentObjectKey,
} from '#shared/documents/attachments/rules';
import { resolveDocument } from '#shared/documents/queries';
import { ConflictError } from '#shared/http/errors';
import type { CreateAttachmentBody, CreatedAttachment } from '#shared/schemas/documents';
import { presignedPut } from '#shared/storage/presign';
import { artifactsBucket, s3 } from '#shared/storage/s3';

/**
 * Records an attachment of the document and answers a presigned PUT for its bytes, bound to the
 * declared length and type and usable once (409 when the document already holds the maximum).
 */
export async function createAttachment(
  scope: ProjectScope,
  documentRef: string,
  input: CreateAttachmentBody,
): Promise<CreatedAttachment> {
  const document = await resolveDocument(scope, documentRef);
  const existing = await listAttachments(scope.projectId, document.id);
  if (existing.length >= ATTACHMENTS_PER_DOCUMENT) {
    throw new ConflictError('TOO_MANY_ATTACHMENTS', m.tooManyAttachments({ max: ATTACHMENTS_PER_DOCUMENT }));
  }
  const id = ulid().toLowerCase();
  const record: AttachmentRecord = {
    id,
    projectId: scope.projectId,
    documentId: document.id,
    fileName: input.fileName,
    contentType: input.contentType,
    contentLength: input.contentLength,
    objectKey: attachmentObjectKey(scope.projectId, document.id, id),
    createdBy: scope.caller.auth.userId,
    createdAt: new Date().toISOString(),
  };
  if (!(await insertAttachment(record))) throw new Error('Attachment id collision');
  const upload = await presignedPut(artifactsBucket, record.objectKey, {
    expiresInSeconds: ATTACHMENT_URL_SECONDS,
    contentLength: record.contentLength,
    contentType: record.contentType,
  });
  return {
    ...toAttachmentView(record),
    url: upload.url,
    expiresAt: upload.expiresAt,
    headers: { ...upload.headers, 'content-type': record.contentType },
  };
}

/** Deletes an attachment: its metadata, then its bytes (404 when the document has no such attachment). */
export async function deleteAttachment(scope: ProjectScope, documentRef: string, attachmentId: string): Promise<void> {
  const document = await resolveDocument(scope, documentRef);
  const record = await requireAttachment(scope.projectId, document.id, attachmentId);
  if (!(await deleteAttachmentRecord(scope.projectId, document.id, attachmentId))) {
    await requireAttachment(scope.projectId, document.id, attachmentId);
  }
  await s3.send(new DeleteObjectCommand({ Bucket: artifactsBucket, Key: record.objectKey }));
}
