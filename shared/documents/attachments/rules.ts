// What a document may carry as attachments and how each is served back. Pure.

/** The largest attachment, in bytes (25 MB): the presigned PUT is bound to the declared length. */
export const ATTACHMENT_MAX_BYTES = 25 * 1024 * 1024;

/** Attachments one document holds at most (a list reads them all). */
export const ATTACHMENTS_PER_DOCUMENT = 200;

/** How long an upload or download link stays valid, in seconds. */
export const ATTACHMENT_URL_SECONDS = 900;

/**
 * The media types an attachment may declare (images, diagrams, PDFs, plain text). The declared
 * type is signed into the upload and forced on the download, so the bucket never serves a
 * file as a type nobody declared.
 */
export const ATTACHMENT_CONTENT_TYPES = [
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'image/svg+xml',
  'application/pdf',
  'text/plain',
  'text/markdown',
  'text/csv',
  'text/html',
  'application/json',
] as const;
export type AttachmentContentType = (typeof ATTACHMENT_CONTENT_TYPES)[number];

// Types a browser runs script in when it renders them: served as downloads only (stored XSS).
const ACTIVE_CONTENT = new Set<AttachmentContentType>(['image/svg+xml', 'text/html']);

/**
 * The Content-Disposition a download is served with: `attachment` for active content (SVG, HTML),
 * `inline` otherwise; the file name as an ASCII fallback and, when it needs more, RFC 5987's
 * `filename*` in UTF-8.
 */
export function contentDisposition(contentType: AttachmentContentType, fileName: string): string {
  const kind = ACTIVE_CONTENT.has(contentType) ? 'attachment' : 'inline';
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const header = `${kind}; filename="${ascii}"`;
  if (ascii === fileName) return header;
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${header}; filename*=UTF-8''${encoded}`;
}

/** The Content-Type a download is served with: text types say their charset. */
export function servedContentType(contentType: AttachmentContentType): string {
  return contentType.startsWith('text/') ? `${contentType}; charset=utf-8` : contentType;
}

/** Where an attachment's bytes live in the artifacts bucket (outside the expiring upload prefix). */
export function attachmentObjectKey(projectId: string, documentId: string, attachmentId: string): string {
  return `documents/${projectId}/${documentId}/attachments/${attachmentId}`;
}
