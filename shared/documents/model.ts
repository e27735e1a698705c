/**
 * The stored shapes of design documents (issue 11), shared by the documents' rooms: the core
 * (documents, versions, bodies), reviews, templates, links and search. The API's views are in
 * `shared/schemas/documents.ts`; where a stored name differs, a view mapper renames it.
 *
 * Items (single table, partition PROJECT#<projectId>):
 *  - document:        SK = DOCUMENT#<documentId>
 *  - number alias:    SK = DOCNUMBER#<number>            → { documentId } (`DE-12` resolves through it)
 *  - number counter:  SK = COUNTER#document              → { value } (ADD 1 per document)
 *  - version:         SK = DOCVERSION#<documentId>#<version, 8 digits>
 *  - approval:        SK = DOCAPPROVAL#<documentId>#<version, 8 digits>#<userId>
 *  - comment:         SK = DOCCOMMENT#<documentId>#<commentId>
 *  - link:            SK = DOCLINK#<documentId>#<linkId>; GSI1PK = LINKTARGET#<projectId>#<targetType>#<targetId>
 *  - template:        SK = DOCTEMPLATE#<templateId>
 *  - attachment:      SK = DOCATTACHMENT#<documentId>#<attachmentId>  (bytes: `documents/<projectId>/<documentId>/attachments/<attachmentId>`)
 *  - generated case:  SK = DOCGENCASE#<documentId>#<sha256 of `METHOD /path status`, 32 hex> → { caseId, source, fingerprint }
 * Bodies are objects of the artifacts bucket: `documents/<projectId>/<documentId>/<bodyId>`
 * (a ULID per save, so two writers racing for one version never overwrite each other's body).
 */

export const DOCUMENT_TYPES = ['requirement', 'architecture', 'adr', 'api', 'test-plan', 'runbook', 'other'] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

export const DOCUMENT_FORMATS = ['markdown', 'openapi'] as const;
export type DocumentFormat = (typeof DOCUMENT_FORMATS)[number];

/** The review workflow: draft → in_review → approved → obsolete (a new version of an approved document goes back to in_review). */
export const DOCUMENT_STATUSES = ['draft', 'in_review', 'approved', 'obsolete'] as const;
export type DocumentStatus = (typeof DOCUMENT_STATUSES)[number];

/** The document item: its current state (the latest version's metadata copied in). */
export interface DocumentRecord {
  id: string;
  projectId: string;
  /** Per-project number: `<project key>-<number>` (`DE-12`) names the document in every route. */
  number: number;
  title: string;
  type: DocumentType;
  format: DocumentFormat;
  tags: string[];
  templateId: string | null;
  status: DocumentStatus;
  /** The latest version (1 on create); `ETag: "<version>"`, `If-Match` on updates. */
  version: number;
  /** Who saved the latest version (never its approver). */
  versionCreatedBy: string;
  /** Reviewers requested for the current review round (user ids). */
  reviewers: string[];
  /** Approvals needed for the current version (set when a review is requested; default 1). */
  requiredApprovals: number;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

/** One immutable version of a document. */
export interface DocumentVersionRecord {
  documentId: string;
  projectId: string;
  version: number;
  title: string;
  tags: string[];
  /** Object key of the body in the artifacts bucket. */
  bodyKey: string;
  /** Body size in bytes (UTF-8) and its SHA-256 (hex). */
  size: number;
  sha256: string;
  /** Set when this version was made by restoring an older one. */
  restoredFrom: number | null;
  createdBy: string;
  createdAt: string;
}

/** A review comment on one version, optionally anchored, threaded by `parentId`. */
export interface DocumentCommentRecord {
  id: string;
  documentId: string;
  projectId: string;
  version: number;
  parentId: string | null;
  anchor: { heading: string } | { startLine: number; endLine: number } | null;
  body: string;
  /** User ids of the members `@name` mentioned (recorded for notifications). */
  mentions: string[];
  resolved: boolean;
  resolvedBy: string | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}
