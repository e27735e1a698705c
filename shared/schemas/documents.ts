import * as z from 'zod/mini';
import { DOCUMENT_BODY_MAX_BYTES } from '#shared/documents/limits';
import { DOCUMENT_FORMATS, DOCUMENT_STATUSES, DOCUMENT_TYPES } from '#shared/documents/model';
import { zodMessage } from '#shared/i18n/zod';
import { PageQuery, pageOf, ResourceId, Timestamp, text, UserId } from '#shared/schemas/common';
import * as s from '#shared/schemas/messages';
import { CaseStatus } from '#shared/schemas/test-results';

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
