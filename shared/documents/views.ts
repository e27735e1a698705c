import type { DocumentRecord, DocumentVersionRecord } from '#shared/documents/model';
import { documentDisplayKey } from '#shared/documents/numbers';
import type { Document, DocumentSummary, DocumentVersion, DocumentVersionSummary } from '#shared/schemas/documents';

// Stored documents and versions as the API shows them (pure): the display key from the
// project's current key, `type` from the stored `documentType`, who saved last as `updatedBy`.

/** A document as lists show it (no body). */
export function toDocumentSummary(record: DocumentRecord, projectKey: string): DocumentSummary {
  return {
    id: record.id,
    key: documentDisplayKey(projectKey, record.number),
    number: record.number,
    projectId: record.projectId,
    title: record.title,
    type: record.type,
    format: record.format,
    tags: record.tags,
    templateId: record.templateId,
    status: record.status,
    version: record.version,
    reviewers: record.reviewers,
    requiredApprovals: record.requiredApprovals,
    createdBy: record.createdBy,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    updatedBy: record.versionCreatedBy,
  };
}

/** A document with its latest body, as GET answers it. */
export function toDocumentView(record: DocumentRecord, projectKey: string, body: string): Document {
  return { ...toDocumentSummary(record, projectKey), body };
}

/** A version as the version list shows it (no body). */
export function toVersionSummary(record: DocumentVersionRecord): DocumentVersionSummary {
  return {
    documentId: record.documentId,
    version: record.version,
    title: record.title,
    tags: record.tags,
    size: record.size,
    sha256: record.sha256,
    restoredFrom: record.restoredFrom,
    createdBy: record.createdBy,
    createdAt: record.createdAt,
  };
}

/** A version with its body. */
export function toVersionView(record: DocumentVersionRecord, body: string): DocumentVersion {
  return { ...toVersionSummary(record), body };
}
