import type { ProjectScope } from '#shared/auth/project-access';
import * as m from '#shared/documents/attachments/messages';
import { type AttachmentRecord, getAttachment, listAttachments } from '#shared/documents/attachments/repository';
import { ATTACHMENT_URL_SECONDS, contentDisposition, servedContentType } from '#shared/documents/attachments/rules';
import { resolveDocument } from '#shared/documents/queries';
import { ConflictError, NotFoundError } from '#shared/http/errors';
import type { Attachment, AttachmentLink } from '#shared/schemas/documents';
import { presignedGet } from '#shared/storage/presign';
import { artifactsBucket, objectExists } from '#shared/storage/s3';

/** The attachment or a 404 (also for another document's attachment id). */
export async function requireAttachment(
  projectId: string,
  documentId: string,
  attachmentId: string,
): Promise<AttachmentRecord> {
  const record = await getAttachment(projectId, documentId, attachmentId);
  if (!record) throw new NotFoundError('ATTACHMENT_NOT_FOUND', m.attachmentNotFound());
  return record;
}

/** An attachment as the API shows it (where its bytes are stored is not part of it). */
export function toAttachmentView(record: AttachmentRecord): Attachment {
  return {
    id: record.id,
    documentId: record.documentId,
    fileName: record.fileName,
    contentType: record.contentType,
    contentLength: record.contentLength,
    createdBy: record.createdBy,
    createdAt: record.createdAt,
  };
}

/** The document's attachments, oldest first. */
export async function listDocumentAttachments(scope: ProjectScope, documentRef: string): Promise<Attachment[]> {
  const document = await resolveDocument(scope, documentRef);
  return (await listAttachments(scope.projectId, document.id)).map(toAttachmentView);
}

/**
 * A presigned GET of the attachment's bytes, served with its declared type and as a download
 * when a browser would run it (SVG, HTML); 409 while nothing was uploaded.
 */
export async function attachmentLink(
  scope: ProjectScope,
  documentRef: string,
  attachmentId: string,
): Promise<AttachmentLink> {
  const document = await resolveDocument(scope, documentRef);
  const record = await requireAttachment(scope.projectId, document.id, attachmentId);
  if (!(await objectExists(record.objectKey))) {
    throw new ConflictError('ATTACHMENT_NOT_UPLOADED', m.attachmentNotUploaded());
  }
  const link = await presignedGet(artifactsBucket, record.objectKey, {
    expiresInSeconds: ATTACHMENT_URL_SECONDS,
    contentType: servedContentType(record.contentType),
    contentDisposition: contentDisposition(record.contentType, record.fileName),
  });
  return { ...toAttachmentView(record), url: link.url, expiresAt: link.expiresAt };
}
