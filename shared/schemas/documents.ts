import * as z from 'zod/mini';
import { DOCUMENT_BODY_MAX_BYTES } from '#shared/documents/limits';
import { DOCUMENT_FORMATS, DOCUMENT_STATUSES, DOCUMENT_TYPES } from '#shared/documents/model';
import { zodMessage } from '#shared/i18n/zod';
import { Cursor, PageQuery, pageOf, ResourceId, Timestamp, text } from '#shared/schemas/common';
import * as s from '#shared/schemas/messages';

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

// search (issue 11)

const SEARCH_TYPE = 'document|testCase|testSuite|pipeline|environment|deployment|analysis';

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

const SearchItemTypeSchema = /* @__PURE__ */ z.enum([
  'document',
  'testCase',
  'testSuite',
  'pipeline',
  'environment',
  'deployment',
  'analysis',
]);

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
  templateId: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.nullable(ResourceId)),
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
