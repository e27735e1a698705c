import * as z from 'zod/mini';
import { ATTACHMENT_CONTENT_TYPES, ATTACHMENT_MAX_BYTES } from '#shared/documents/attachments/rules';
import { zodMessage } from '#shared/i18n/zod';
import { PresignedUrl, ResourceId, Timestamp } from '#shared/schemas/common';
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
export const DriftQuery = /* @__PURE__ */ z.strictObject({
  version: /* @__PURE__ */ z.optional(
    /* @__PURE__ */ z.coerce
      .number()
      .check(/* @__PURE__ */ z.int(), /* @__PURE__ */ z.minimum(1), /* @__PURE__ */ z.maximum(99_999_999)),
  ),
});

const DriftChange = /* @__PURE__ */ z.object({
  /** oasdiff's check id (docs/documents.md, "Breaking changes"). */
  id: /* @__PURE__ */ z.string(),
  level: /* @__PURE__ */ z.enum(['breaking', 'warning', 'info']),
  breaking: /* @__PURE__ */ z.boolean(),
  operation: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.string()),
  pointer: /* @__PURE__ */ z.string(),
  from: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.unknown()),
  to: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.unknown()),
});

/** The differences from the design (base) to the live API (revision), breaking ones first. */
export const DriftReport = /* @__PURE__ */ z.object({
  documentId: /* @__PURE__ */ z.string(),
  version: /* @__PURE__ */ z.int(),
  url: /* @__PURE__ */ z.string(),
  breaking: /* @__PURE__ */ z.int(),
  changes: /* @__PURE__ */ z.array(DriftChange),
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

export const Attachment = /* @__PURE__ */ z
  .object({
    id: /* @__PURE__ */ z.string(),
    documentId: /* @__PURE__ */ z.string(),
    fileName: /* @__PURE__ */ z.string(),
    contentType: /* @__PURE__ */ z.enum(ATTACHMENT_CONTENT_TYPES),
    contentLength: /* @__PURE__ */ z.int(),
    createdBy: /* @__PURE__ */ z.string(),
    createdAt: Timestamp,
  })
  .check(/* @__PURE__ */ z.meta({ id: 'DocumentAttachment' }));
export type Attachment = z.infer<typeof Attachment>;

/** The attachment and where to PUT its bytes (with exactly these headers) before `expiresAt`. */
export const CreatedAttachment = /* @__PURE__ */ z.object({
  attachment: Attachment,
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

/** Where to GET an attachment's bytes before `expiresAt`. */
export const AttachmentLink = /* @__PURE__ */ z.object({ url: PresignedUrl, expiresAt: Timestamp });
export type AttachmentLink = z.infer<typeof AttachmentLink>;
