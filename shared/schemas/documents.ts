import * as z from 'zod/mini';
import { ATTACHMENT_CONTENT_TYPES, ATTACHMENT_MAX_BYTES } from '#shared/documents/attachments/rules';
import { DOCUMENT_BODY_MAX_BYTES } from '#shared/documents/limits';
import { DOCUMENT_FORMATS, DOCUMENT_STATUSES, DOCUMENT_TYPES } from '#shared/documents/model';
import * as r from '#shared/documents/reviews/messages';
import { localize } from '#shared/i18n/catalogue';
import { zodMessage } from '#shared/i18n/zod';
import { Cursor, PageQuery, PresignedUrl, pageOf, ResourceId, Timestamp, text, UserId } from '#shared/schemas/common';
import * as s from '#shared/schemas/messages';
import { CaseStatus } from '#shared/schemas/test-results';
import { SEARCH_ITEM_TYPES } from '#shared/search/item-types';

// Design documents (issue 11). Stored shapes: shared/documents/model.ts.

/**
 * How a route names a document: its id (a ULID) or its per-project number with the project's
 * key (`DE-12`, any letter case), which resolves to the same document.
 */
export const DocumentRef = /* @__PURE__ */ z
  .string()
  .check(
    /* @__PURE__ */ z.regex(
      /^(?:[0-9a-z]{26}|[A-Za-z][A-Za-z0-9]{1,9}-[1-9][0-9]{0,8})$/,
      /* @__PURE__ */ zodMessage(s.documentRef),
    ),
    /* @__PURE__ */ z.meta({ examples: ['DE-12'] }),
  );

export const DocumentParams = /* @__PURE__ */ z.strictObject({ projectId: ResourceId, documentId: DocumentRef });

// ── Reviews (docs-reviews): review requests, approvals, status moves, comments ──────────────

/** The version a review step is about: a JSON number (never coerced from text). */
const ReviewedVersion = /* @__PURE__ */ z.number().check(/* @__PURE__ */ z.int(), /* @__PURE__ */ z.minimum(1));

/** `POST …/documents/{documentId}/reviews`: asks members to review one version (the latest). */
export const RequestReviewBody = /* @__PURE__ */ z.strictObject({
  version: ReviewedVersion,
  reviewers: /* @__PURE__ */ z.array(UserId).check(
    /* @__PURE__ */ z.minLength(1),
    /* @__PURE__ */ z.maxLength(20),
    /* @__PURE__ */ z.refine(
      (reviewers) => new Set(reviewers).size === reviewers.length,
      /* @__PURE__ */ zodMessage(r.reviewersUnique),
    ),
  ),
  requiredApprovals: /* @__PURE__ */ z._default(
    /* @__PURE__ */ z
      .number()
      .check(/* @__PURE__ */ z.int(), /* @__PURE__ */ z.minimum(1), /* @__PURE__ */ z.maximum(10)),
    1,
  ),
});
export type RequestReviewBody = z.infer<typeof RequestReviewBody>;

/** `POST …/approvals`: approve a version, or reject it (request changes: back to draft). */
export const ReviewDecisionBody = /* @__PURE__ */ z.strictObject({
  version: ReviewedVersion,
  decision: /* @__PURE__ */ z._default(/* @__PURE__ */ z.enum(['approve', 'reject']), 'approve'),
  comment: /* @__PURE__ */ z.optional(/* @__PURE__ */ text(2000)),
});
export type ReviewDecisionBody = z.infer<typeof ReviewDecisionBody>;

/** `POST …/status`: the moves made by hand (withdraw a review, retire, revive). */
export const DocumentStatusBody = /* @__PURE__ */ z.strictObject({
  version: ReviewedVersion,
  status: /* @__PURE__ */ z.enum(['draft', 'obsolete']),
});
export type DocumentStatusBody = z.infer<typeof DocumentStatusBody>;

/** One member's decision on the current version in the current round. */
export const ReviewDecisionView = /* @__PURE__ */ z.strictObject({
  userId: /* @__PURE__ */ z.string(),
  decision: /* @__PURE__ */ z.enum(['approve', 'reject']),
  comment: /* @__PURE__ */ z.nullable(/* @__PURE__ */ z.string()),
  decidedAt: /* @__PURE__ */ z.string(),
});

/** A document's review: its status, the current round and who may still approve. */
export const DocumentReview = /* @__PURE__ */ z
  .strictObject({
    documentId: /* @__PURE__ */ z.string(),
    status: /* @__PURE__ */ z.enum(DOCUMENT_STATUSES),
    version: /* @__PURE__ */ z.number(),
    versionCreatedBy: /* @__PURE__ */ z.string(),
    /** 0 before the first request; a request starts a new round, a rejection ends one. */
    round: /* @__PURE__ */ z.number(),
    reviewers: /* @__PURE__ */ z.array(/* @__PURE__ */ z.string()),
    requiredApprovals: /* @__PURE__ */ z.number(),
    approvals: /* @__PURE__ */ z.number(),
    decisions: /* @__PURE__ */ z.array(ReviewDecisionView),
    pendingApproverUserIds: /* @__PURE__ */ z.array(/* @__PURE__ */ z.string()),
  })
  .check(/* @__PURE__ */ z.meta({ id: 'DocumentReview' }));

const CommentAnchor = /* @__PURE__ */ z.union([
  /* @__PURE__ */ z.strictObject({ heading: /* @__PURE__ */ text(200) }),
  /* @__PURE__ */ z
    .strictObject({
      startLine: /* @__PURE__ */ z.number().check(/* @__PURE__ */ z.int(), /* @__PURE__ */ z.minimum(1)),
      endLine: /* @__PURE__ */ z.number().check(/* @__PURE__ */ z.int(), /* @__PURE__ */ z.minimum(1)),
    })
    .check(
      /* @__PURE__ */ z.refine((range) => range.endLine >= range.startLine, {
        error: () => localize(r.lineRange()),
        path: ['endLine'],
      }),
    ),
]);

/** `POST …/comments`: a comment on a version, or a reply (`parentId`) in a thread. */
export const CreateCommentBody = /* @__PURE__ */ z.strictObject({
  version: ReviewedVersion,
  body: /* @__PURE__ */ text(10_000),
  parentId: /* @__PURE__ */ z.optional(ResourceId),
  anchor: /* @__PURE__ */ z.optional(CommentAnchor),
});
export type CreateCommentBody = z.infer<typeof CreateCommentBody>;

/** `GET …/comments?version=`: the comments of the document, oldest first, of one version if given. */
export const ListCommentsQuery = /* @__PURE__ */ z.extend(PageQuery, {
  version: /* @__PURE__ */ z.optional(
    /* @__PURE__ */ z.coerce.number().check(/* @__PURE__ */ z.int(), /* @__PURE__ */ z.minimum(1)),
  ),
});
export type ListCommentsQuery = z.infer<typeof ListCommentsQuery>;

export const CommentParams = /* @__PURE__ */ z.extend(DocumentParams, { commentId: ResourceId });

export const DocumentComment = /* @__PURE__ */ z
  .strictObject({
    id: /* @__PURE__ */ z.string(),
    documentId: /* @__PURE__ */ z.string(),
    version: /* @__PURE__ */ z.number(),
    /** The thread's root (null on a root). */
    parentId: /* @__PURE__ */ z.nullable(/* @__PURE__ */ z.string()),
    anchor: /* @__PURE__ */ z.nullable(CommentAnchor),
    body: /* @__PURE__ */ z.string(),
    /** Members the body mentions (`@name`). */
    mentions: /* @__PURE__ */ z.array(/* @__PURE__ */ z.string()),
    /** A thread is resolved as a whole: replies answer their root's state. */
    resolved: /* @__PURE__ */ z.boolean(),
    resolvedBy: /* @__PURE__ */ z.nullable(/* @__PURE__ */ z.string()),
    createdBy: /* @__PURE__ */ z.string(),
    createdAt: /* @__PURE__ */ z.string(),
    updatedAt: /* @__PURE__ */ z.string(),
  })
  .check(/* @__PURE__ */ z.meta({ id: 'DocumentComment' }));
export type DocumentComment = z.infer<typeof DocumentComment>;

export const DocumentCommentPage = /* @__PURE__ */ pageOf(DocumentComment);
/** A template's id: a project template's ULID, or a built-in template's stable id (`builtin-requirement`). */
export const TemplateRef = /* @__PURE__ */ z
  .string()
  .check(
    /* @__PURE__ */ z.regex(
      /^(?:[0-9a-z]{26}|builtin-[a-z][a-z0-9-]{0,40})$/,
      /* @__PURE__ */ zodMessage(s.templateRef),
    ),
    /* @__PURE__ */ z.meta({ examples: ['builtin-requirement'] }),
  );

// search (issue 11)

const SEARCH_TYPE = SEARCH_ITEM_TYPES.join('|');

/** `GET /v1/search`: the query, an optional project, a comma-separated type filter, a page. */
export const SearchQuery = /* @__PURE__ */ z.strictObject({
  q: /* @__PURE__ */ z
    .string()
    .check(
      /* @__PURE__ */ z.minLength(1),
      /* @__PURE__ */ z.maxLength(200),
      /* @__PURE__ */ z.regex(/[\p{L}\p{N}]/u, /* @__PURE__ */ zodMessage(s.searchQuery)),
    ),
  projectId: /* @__PURE__ */ z.optional(ResourceId),
  types: /* @__PURE__ */ z.optional(
    /* @__PURE__ */ z
      .string()
      .check(
        /* @__PURE__ */ z.regex(
          new RegExp(`^(?:${SEARCH_TYPE})(?:,(?:${SEARCH_TYPE}))*$`),
          /* @__PURE__ */ zodMessage(s.searchTypes),
        ),
        /* @__PURE__ */ z.meta({ examples: ['document,testCase'] }),
      ),
  ),
  limit: /* @__PURE__ */ z._default(
    /* @__PURE__ */ z.coerce
      .number()
      .check(/* @__PURE__ */ z.int(), /* @__PURE__ */ z.minimum(1), /* @__PURE__ */ z.maximum(100)),
    20,
  ),
  cursor: /* @__PURE__ */ z.optional(Cursor),
});
export type SearchQuery = z.infer<typeof SearchQuery>;

const SearchItemTypeSchema = /* @__PURE__ */ z.enum(SEARCH_ITEM_TYPES);

/** One found item: `snippet` and `titleHtml` are HTML (escaped text, matches in <mark>). */
export const SearchHit = /* @__PURE__ */ z
  .object({
    type: SearchItemTypeSchema,
    id: /* @__PURE__ */ z.string(),
    projectId: /* @__PURE__ */ z.string(),
    title: /* @__PURE__ */ z.string(),
    titleHtml: /* @__PURE__ */ z.string(),
    snippet: /* @__PURE__ */ z.string(),
    score: /* @__PURE__ */ z.number(),
    url: /* @__PURE__ */ z.string(),
  })
  .check(/* @__PURE__ */ z.meta({ id: 'SearchHit' }));

/** A page of hits, the matches per type (before the type filter), the total after it. */
export const SearchResults = /* @__PURE__ */ z.object({
  items: /* @__PURE__ */ z.array(SearchHit),
  facets: /* @__PURE__ */ z.object({
    document: /* @__PURE__ */ z.int(),
    testCase: /* @__PURE__ */ z.int(),
    testSuite: /* @__PURE__ */ z.int(),
    pipeline: /* @__PURE__ */ z.int(),
    environment: /* @__PURE__ */ z.int(),
    deployment: /* @__PURE__ */ z.int(),
    analysis: /* @__PURE__ */ z.int(),
  }),
  total: /* @__PURE__ */ z.int(),
  nextCursor: /* @__PURE__ */ z.nullable(/* @__PURE__ */ z.string()),
});
export type SearchResults = z.infer<typeof SearchResults>;

/** `POST …/search/reindex` answers 202 with the queued rebuild. */
export const ReindexAccepted = /* @__PURE__ */ z.object({
  projectId: /* @__PURE__ */ z.string(),
  requestId: /* @__PURE__ */ z.string(),
  status: /* @__PURE__ */ z.literal('queued'),
});
// ---------------------------------------------------------------------------------------------
// Documents core: documents, versions, diffs (docs-core)

const DocumentTitle = /* @__PURE__ */ text(200);
const DocumentTag = /* @__PURE__ */ text(64);
const DocumentTags = /* @__PURE__ */ z.array(DocumentTag).check(/* @__PURE__ */ z.maxLength(30));
/** The body as text; its size in bytes of UTF-8 (≤ 1 MB) is checked on save, naming `body`. */
const DocumentBodyText = /* @__PURE__ */ z.string().check(/* @__PURE__ */ z.maxLength(DOCUMENT_BODY_MAX_BYTES));
const VersionNumber = /* @__PURE__ */ z.coerce
  .number()
  .check(/* @__PURE__ */ z.int(), /* @__PURE__ */ z.minimum(1), /* @__PURE__ */ z.maximum(99_999_999));

export const DocumentType = /* @__PURE__ */ z.enum(DOCUMENT_TYPES);
export const DocumentFormat = /* @__PURE__ */ z.enum(DOCUMENT_FORMATS);
export const DocumentStatus = /* @__PURE__ */ z.enum(DOCUMENT_STATUSES);

export const CreateDocumentBody = /* @__PURE__ */ z.strictObject({
  title: DocumentTitle,
  type: DocumentType,
  format: /* @__PURE__ */ z._default(DocumentFormat, 'markdown'),
  body: /* @__PURE__ */ z.optional(DocumentBodyText),
  tags: /* @__PURE__ */ z.optional(DocumentTags),
  templateId: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.nullable(TemplateRef)),
});
export type CreateDocumentBody = z.infer<typeof CreateDocumentBody>;

/** A new version: the fields given replace the current ones (format and template never change). */
export const UpdateDocumentBody = /* @__PURE__ */ z
  .strictObject({
    title: /* @__PURE__ */ z.optional(DocumentTitle),
    type: /* @__PURE__ */ z.optional(DocumentType),
    body: /* @__PURE__ */ z.optional(DocumentBodyText),
    tags: /* @__PURE__ */ z.optional(DocumentTags),
  })
  .check(
    /* @__PURE__ */ z.refine((body) => Object.keys(body).length > 0, /* @__PURE__ */ zodMessage(s.atLeastOneField)),
  );
export type UpdateDocumentBody = z.infer<typeof UpdateDocumentBody>;

export const ListDocumentsQuery = /* @__PURE__ */ z.extend(PageQuery, {
  type: /* @__PURE__ */ z.optional(DocumentType),
  status: /* @__PURE__ */ z.optional(DocumentStatus),
  tag: /* @__PURE__ */ z.optional(DocumentTag),
});
export type ListDocumentsQuery = z.infer<typeof ListDocumentsQuery>;

/** `?format=html` adds the body as sanitized HTML, `?format=outline` its headings. */
export const DocumentRenderQuery = /* @__PURE__ */ z.strictObject({
  format: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.enum(['html', 'outline'])),
});
export type DocumentRenderQuery = z.infer<typeof DocumentRenderQuery>;

export const DocumentVersionParams = /* @__PURE__ */ z.extend(DocumentParams, { version: VersionNumber });

export const DocumentDiffQuery = /* @__PURE__ */ z.strictObject({ from: VersionNumber, to: VersionNumber });

const OutlineEntry = /* @__PURE__ */ z.object({
  level: /* @__PURE__ */ z.int(),
  text: /* @__PURE__ */ z.string(),
  anchor: /* @__PURE__ */ z.string(),
});

/** What a GET of a document or version adds for `?format=`: the body as sanitized HTML, or its headings. */
const RenderedHtml = /* @__PURE__ */ z.optional(/* @__PURE__ */ z.string());
const RenderedOutline = /* @__PURE__ */ z.optional(/* @__PURE__ */ z.array(OutlineEntry));

// The summaries' fields without their component ids, which z.extend would carry into the full views.
const DocumentFields = /* @__PURE__ */ z.object({
  id: ResourceId,
  key: /* @__PURE__ */ z.string().check(/* @__PURE__ */ z.meta({ examples: ['DE-12'] })),
  number: /* @__PURE__ */ z.int(),
  projectId: ResourceId,
  title: /* @__PURE__ */ z.string(),
  type: DocumentType,
  format: DocumentFormat,
  tags: /* @__PURE__ */ z.array(/* @__PURE__ */ z.string()),
  templateId: /* @__PURE__ */ z.nullable(/* @__PURE__ */ z.string()),
  status: DocumentStatus,
  version: /* @__PURE__ */ z.int(),
  reviewers: /* @__PURE__ */ z.array(/* @__PURE__ */ z.string()),
  requiredApprovals: /* @__PURE__ */ z.int(),
  createdBy: /* @__PURE__ */ z.string(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  updatedBy: /* @__PURE__ */ z.string(),
});
export const DocumentSummary = /* @__PURE__ */ DocumentFields.check(/* @__PURE__ */ z.meta({ id: 'DocumentSummary' }));
export type DocumentSummary = z.infer<typeof DocumentSummary>;

export const Document = /* @__PURE__ */ z
  .extend(DocumentFields, {
    body: /* @__PURE__ */ z.string(),
    html: RenderedHtml,
    outline: RenderedOutline,
  })
  .check(/* @__PURE__ */ z.meta({ id: 'Document' }));
export type Document = z.infer<typeof Document>;

export const DocumentPage = /* @__PURE__ */ pageOf(DocumentSummary);

const DocumentVersionFields = /* @__PURE__ */ z.object({
  documentId: ResourceId,
  version: /* @__PURE__ */ z.int(),
  title: /* @__PURE__ */ z.string(),
  tags: /* @__PURE__ */ z.array(/* @__PURE__ */ z.string()),
  size: /* @__PURE__ */ z.int(),
  sha256: /* @__PURE__ */ z.string(),
  restoredFrom: /* @__PURE__ */ z.nullable(/* @__PURE__ */ z.int()),
  createdBy: /* @__PURE__ */ z.string(),
  createdAt: Timestamp,
});
export const DocumentVersionSummary = /* @__PURE__ */ DocumentVersionFields.check(
  /* @__PURE__ */ z.meta({ id: 'DocumentVersionSummary' }),
);
export type DocumentVersionSummary = z.infer<typeof DocumentVersionSummary>;

export const DocumentVersion = /* @__PURE__ */ z
  .extend(DocumentVersionFields, {
    body: /* @__PURE__ */ z.string(),
    html: RenderedHtml,
    outline: RenderedOutline,
  })
  .check(/* @__PURE__ */ z.meta({ id: 'DocumentVersion' }));
export type DocumentVersion = z.infer<typeof DocumentVersion>;

export const DocumentVersionPage = /* @__PURE__ */ pageOf(DocumentVersionSummary);

const DiffHunk = /* @__PURE__ */ z.object({
  oldStart: /* @__PURE__ */ z.int(),
  oldLines: /* @__PURE__ */ z.int(),
  newStart: /* @__PURE__ */ z.int(),
  newLines: /* @__PURE__ */ z.int(),
  /** Each line with its marker: ` ` context, `-` removed, `+` added (as in the unified text). */
  lines: /* @__PURE__ */ z.array(/* @__PURE__ */ z.string()),
});

const ApiChange = /* @__PURE__ */ z.object({
  id: /* @__PURE__ */ z.string(),
  level: /* @__PURE__ */ z.enum(['breaking', 'warning', 'info']),
  breaking: /* @__PURE__ */ z.boolean(),
  operation: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.string()),
  pointer: /* @__PURE__ */ z.string(),
  from: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.unknown()),
  to: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.unknown()),
});

export const DocumentDiff = /* @__PURE__ */ z
  .object({
    documentId: ResourceId,
    from: /* @__PURE__ */ z.int(),
    to: /* @__PURE__ */ z.int(),
    unified: /* @__PURE__ */ z.string(),
    hunks: /* @__PURE__ */ z.array(DiffHunk),
    /** OpenAPI documents: the structural changes (oasdiff's checks), breaking ones first. */
    changes: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.array(ApiChange)),
  })
  .check(/* @__PURE__ */ z.meta({ id: 'DocumentDiff' }));
export type DocumentDiff = z.infer<typeof DocumentDiff>;

// ---------------------------------------------------------------------------------------------
// API designs and attachments (docs-designs)

/** `operationId` or `METHOD /path` as the design writes them. */
const OperationRef = /* @__PURE__ */ z
  .string()
  .check(
    /* @__PURE__ */ z.regex(
      /^(?:(?:GET|PUT|POST|DELETE|OPTIONS|HEAD|PATCH) \/\S{0,500}|[^\s]{1,300})$/,
      /* @__PURE__ */ zodMessage(s.operationRef),
    ),
    /* @__PURE__ */ z.meta({ examples: ['GET /pets/{petId}'] }),
  );

/** POST …/test-cases: the environment the cases are meant for, and which operations (all when absent). */
export const GenerateTestCasesBody = /* @__PURE__ */ z.strictObject({
  environmentId: ResourceId,
  operations: /* @__PURE__ */ z.optional(
    /* @__PURE__ */ z.array(OperationRef).check(/* @__PURE__ */ z.minLength(1), /* @__PURE__ */ z.maxLength(200)),
  ),
});
export type GenerateTestCasesBody = z.infer<typeof GenerateTestCasesBody>;

const GeneratedCaseEntry = /* @__PURE__ */ z.object({
  caseId: /* @__PURE__ */ z.string(),
  /** `METHOD /path` as the design writes it. */
  operation: /* @__PURE__ */ z.string(),
  operationId: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.string()),
  /** The documented success status the case asserts. */
  status: /* @__PURE__ */ z.int(),
});

/** What generating a design's test cases did, case by case. */
export const GeneratedTestCases = /* @__PURE__ */ z.object({
  documentId: /* @__PURE__ */ z.string(),
  /** The version of the design generated from (the latest). */
  version: /* @__PURE__ */ z.int(),
  environmentId: /* @__PURE__ */ z.string(),
  created: /* @__PURE__ */ z.array(GeneratedCaseEntry),
  updated: /* @__PURE__ */ z.array(GeneratedCaseEntry),
  unchanged: /* @__PURE__ */ z.array(GeneratedCaseEntry),
  /** Cases edited by hand since they were generated: never touched. */
  skippedEdited: /* @__PURE__ */ z.array(GeneratedCaseEntry),
  /** Cases the design yields that a test case cannot hold (`fields`: where the create schema refused them). */
  refused: /* @__PURE__ */ z.array(
    /* @__PURE__ */ z.object({
      operation: /* @__PURE__ */ z.string(),
      operationId: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.string()),
      status: /* @__PURE__ */ z.int(),
      fields: /* @__PURE__ */ z.array(/* @__PURE__ */ z.string()),
    }),
  ),
});
export type GeneratedTestCases = z.infer<typeof GeneratedTestCases>;

/** POST …/drift: where the live API serves its OpenAPI document (JSON or YAML). */
export const CheckDriftBody = /* @__PURE__ */ z.strictObject({
  url: /* @__PURE__ */ z
    .string()
    .check(
      /* @__PURE__ */ z.minLength(1),
      /* @__PURE__ */ z.maxLength(2048),
      /* @__PURE__ */ z.meta({ examples: ['https://api.example.com/openapi.json'] }),
    ),
});

/** `?version=` picks the design's version to compare (the latest when absent). */
export const DriftQuery = /* @__PURE__ */ z.strictObject({ version: /* @__PURE__ */ z.optional(VersionNumber) });

/** The differences from the design (base) to the live API (revision), breaking ones first. */
export const DriftReport = /* @__PURE__ */ z.object({
  documentId: /* @__PURE__ */ z.string(),
  version: /* @__PURE__ */ z.int(),
  url: /* @__PURE__ */ z.string(),
  breaking: /* @__PURE__ */ z.int(),
  changes: /* @__PURE__ */ z.array(ApiChange),
});
export type DriftReport = z.infer<typeof DriftReport>;

export const AttachmentParams = /* @__PURE__ */ z.extend(DocumentParams, { attachmentId: ResourceId });

/** POST …/attachments: the file to upload (the presigned PUT is bound to its type and length). */
export const CreateAttachmentBody = /* @__PURE__ */ z.strictObject({
  fileName: /* @__PURE__ */ z.string().check(
    /* @__PURE__ */ z.trim(),
    /* @__PURE__ */ z.minLength(1),
    /* @__PURE__ */ z.maxLength(255),
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
    /* @__PURE__ */ z.regex(/^[^/\\\u0000-\u001f\u007f]+$/, /* @__PURE__ */ zodMessage(s.attachmentFileName)),
    /* @__PURE__ */ z.meta({ examples: ['sequence-diagram.png'] }),
  ),
  contentType: /* @__PURE__ */ z.enum(ATTACHMENT_CONTENT_TYPES),
  contentLength: /* @__PURE__ */ z
    .int()
    .check(/* @__PURE__ */ z.minimum(1), /* @__PURE__ */ z.maximum(ATTACHMENT_MAX_BYTES)),
});
export type CreateAttachmentBody = z.infer<typeof CreateAttachmentBody>;

const AttachmentFields = /* @__PURE__ */ z.object({
  id: /* @__PURE__ */ z.string(),
  documentId: /* @__PURE__ */ z.string(),
  fileName: /* @__PURE__ */ z.string(),
  contentType: /* @__PURE__ */ z.enum(ATTACHMENT_CONTENT_TYPES),
  contentLength: /* @__PURE__ */ z.int(),
  createdBy: /* @__PURE__ */ z.string(),
  createdAt: Timestamp,
});
export const Attachment = /* @__PURE__ */ AttachmentFields.check(/* @__PURE__ */ z.meta({ id: 'DocumentAttachment' }));
export type Attachment = z.infer<typeof Attachment>;

/** The attachment and where to PUT its bytes (with exactly these headers) before `expiresAt`. */
export const CreatedAttachment = /* @__PURE__ */ z.extend(AttachmentFields, {
  url: PresignedUrl,
  expiresAt: Timestamp,
  headers: /* @__PURE__ */ z.object({
    'content-length': /* @__PURE__ */ z.string(),
    'content-type': /* @__PURE__ */ z.string(),
    'if-none-match': /* @__PURE__ */ z.literal('*'),
  }),
});
export type CreatedAttachment = z.infer<typeof CreatedAttachment>;

export const AttachmentList = /* @__PURE__ */ z.object({ items: /* @__PURE__ */ z.array(Attachment) });

/** The attachment and where to GET its bytes before `expiresAt`. */
export const AttachmentLink = /* @__PURE__ */ z.extend(AttachmentFields, { url: PresignedUrl, expiresAt: Timestamp });
export type AttachmentLink = z.infer<typeof AttachmentLink>;
// Templates and links (docs-links): project and built-in templates, typed links from a document
// to other resources, and a requirement's traceability to test cases.

export const DocumentTemplateParams = /* @__PURE__ */ z.strictObject({
  projectId: ResourceId,
  templateId: TemplateRef,
});

/** A project template's fields, on create and on replace (PUT). Bodies fit one DynamoDB item. */
export const DocumentTemplateBody = /* @__PURE__ */ z.strictObject({
  name: /* @__PURE__ */ text(200),
  type: /* @__PURE__ */ z.enum(DOCUMENT_TYPES),
  format: /* @__PURE__ */ z._default(/* @__PURE__ */ z.enum(DOCUMENT_FORMATS), 'markdown'),
  body: /* @__PURE__ */ z.string().check(/* @__PURE__ */ z.minLength(1), /* @__PURE__ */ z.maxLength(100_000)),
  description: /* @__PURE__ */ z._default(
    /* @__PURE__ */ z.string().check(/* @__PURE__ */ z.trim(), /* @__PURE__ */ z.maxLength(1000)),
    '',
  ),
});
export type DocumentTemplateBody = z.infer<typeof DocumentTemplateBody>;

/** A template as read: a built-in one's name, description and body are in the caller's language. */
export const DocumentTemplate = /* @__PURE__ */ z
  .object({
    id: TemplateRef,
    /** Null for a built-in template (every project has it). */
    projectId: /* @__PURE__ */ z.nullable(ResourceId),
    builtIn: /* @__PURE__ */ z.boolean(),
    name: /* @__PURE__ */ z.string(),
    description: /* @__PURE__ */ z.string(),
    type: /* @__PURE__ */ z.enum(DOCUMENT_TYPES),
    format: /* @__PURE__ */ z.enum(DOCUMENT_FORMATS),
    /** On GET of one template; a list leaves bodies out. */
    body: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.string()),
    version: /* @__PURE__ */ z.int(),
    createdBy: /* @__PURE__ */ z.nullable(UserId),
    createdAt: /* @__PURE__ */ z.nullable(Timestamp),
    updatedAt: /* @__PURE__ */ z.nullable(Timestamp),
  })
  .check(/* @__PURE__ */ z.meta({ id: 'DocumentTemplate' }));
export type DocumentTemplate = z.infer<typeof DocumentTemplate>;

export const DocumentTemplateList = /* @__PURE__ */ z
  .object({ items: /* @__PURE__ */ z.array(DocumentTemplate) })
  .check(/* @__PURE__ */ z.meta({ id: 'DocumentTemplateList' }));

export const DOCUMENT_LINK_TYPES = ['verifies', 'relates', 'supersedes'] as const;
export type DocumentLinkType = (typeof DOCUMENT_LINK_TYPES)[number];
export const LINK_TARGET_TYPES = ['testCase', 'document', 'environment', 'pipeline', 'analysis'] as const;
export type LinkTargetType = (typeof LINK_TARGET_TYPES)[number];

/** An acceptance criterion's id as rendering.ts gives it (`AC-3`). */
export const CriterionId = /* @__PURE__ */ z
  .string()
  .check(
    /* @__PURE__ */ z.regex(/^[Aa][Cc]-[1-9][0-9]{0,5}$/, /* @__PURE__ */ zodMessage(s.criterionId)),
    /* @__PURE__ */ z.meta({ examples: ['AC-1'] }),
  );

/** `targetId` is the target's id; a target document may also be named by its number (`DE-12`). */
export const CreateDocumentLinkBody = /* @__PURE__ */ z.strictObject({
  type: /* @__PURE__ */ z.enum(DOCUMENT_LINK_TYPES),
  targetType: /* @__PURE__ */ z.enum(LINK_TARGET_TYPES),
  targetId: DocumentRef,
  criterionId: /* @__PURE__ */ z.optional(CriterionId),
});
export type CreateDocumentLinkBody = z.infer<typeof CreateDocumentLinkBody>;

export const DocumentLinkParams = /* @__PURE__ */ z.extend(DocumentParams, { linkId: ResourceId });

export const LinksToTargetQuery = /* @__PURE__ */ z.strictObject({
  targetType: /* @__PURE__ */ z.enum(LINK_TARGET_TYPES),
  targetId: DocumentRef,
});

/** A link from the document `documentId` to a target; a target document is named by its id. */
export const DocumentLink = /* @__PURE__ */ z
  .object({
    id: ResourceId,
    projectId: ResourceId,
    documentId: ResourceId,
    type: /* @__PURE__ */ z.enum(DOCUMENT_LINK_TYPES),
    targetType: /* @__PURE__ */ z.enum(LINK_TARGET_TYPES),
    targetId: ResourceId,
    criterionId: /* @__PURE__ */ z.nullable(/* @__PURE__ */ z.string()),
    createdBy: UserId,
    createdAt: Timestamp,
  })
  .check(/* @__PURE__ */ z.meta({ id: 'DocumentLink' }));
export type DocumentLink = z.infer<typeof DocumentLink>;

/** A document's links from both ends: its own (`outgoing`) and other documents' links to it (`incoming`). */
export const DocumentLinks = /* @__PURE__ */ z
  .object({
    outgoing: /* @__PURE__ */ z.array(DocumentLink),
    incoming: /* @__PURE__ */ z.array(DocumentLink),
  })
  .check(/* @__PURE__ */ z.meta({ id: 'DocumentLinks' }));

export const DocumentLinkList = /* @__PURE__ */ z
  .object({ items: /* @__PURE__ */ z.array(DocumentLink) })
  .check(/* @__PURE__ */ z.meta({ id: 'DocumentLinkList' }));

export const CRITERION_COVERAGE = ['passed', 'failed', 'untested', 'not_covered'] as const;
export type CriterionCoverage = (typeof CRITERION_COVERAGE)[number];

/** A linked test case and its latest result (null: never run). */
export const TracedCase = /* @__PURE__ */ z.object({
  caseId: ResourceId,
  linkId: ResourceId,
  name: /* @__PURE__ */ z.string(),
  latestResult: /* @__PURE__ */ z.nullable(
    /* @__PURE__ */ z.object({
      status: CaseStatus,
      runId: ResourceId,
      at: Timestamp,
    }),
  ),
});
export type TracedCase = z.infer<typeof TracedCase>;

/** Requirement coverage of a document's current version, per acceptance criterion (as TestRail and Xray count it). */
export const DocumentTraceability = /* @__PURE__ */ z
  .object({
    documentId: ResourceId,
    version: /* @__PURE__ */ z.int(),
    criteria: /* @__PURE__ */ z.array(
      /* @__PURE__ */ z.object({
        id: /* @__PURE__ */ z.string(),
        text: /* @__PURE__ */ z.string(),
        coverage: /* @__PURE__ */ z.enum(CRITERION_COVERAGE),
        cases: /* @__PURE__ */ z.array(TracedCase),
      }),
    ),
    /** `verifies` links to the whole document, not to one criterion. */
    documentCases: /* @__PURE__ */ z.array(TracedCase),
    /** Criteria none of whose linked cases passed on their latest result (not covered ones included). */
    withoutPassingTest: /* @__PURE__ */ z.array(/* @__PURE__ */ z.string()),
    /** Links to criteria the current version no longer has. */
    staleLinks: /* @__PURE__ */ z.array(
      /* @__PURE__ */ z.object({ linkId: ResourceId, criterionId: /* @__PURE__ */ z.string(), caseId: ResourceId }),
    ),
    totals: /* @__PURE__ */ z.object({
      criteria: /* @__PURE__ */ z.int(),
      covered: /* @__PURE__ */ z.int(),
      notCovered: /* @__PURE__ */ z.int(),
      passed: /* @__PURE__ */ z.int(),
      failed: /* @__PURE__ */ z.int(),
      untested: /* @__PURE__ */ z.int(),
    }),
  })
  .check(/* @__PURE__ */ z.meta({ id: 'DocumentTraceability' }));
export type DocumentTraceability = z.infer<typeof DocumentTraceability>;
