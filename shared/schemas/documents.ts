import * as z from 'zod/mini';
import { DOCUMENT_STATUSES } from '#shared/documents/model';
import * as r from '#shared/documents/reviews/messages';
import { localize } from '#shared/i18n/catalogue';
import { zodMessage } from '#shared/i18n/zod';
import { PageQuery, pageOf, ResourceId, text, UserId } from '#shared/schemas/common';
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

// ── Reviews (docs-reviews): review requests, approvals, status moves, comments ──────────────

const VersionNumber = /* @__PURE__ */ z.number().check(/* @__PURE__ */ z.int(), /* @__PURE__ */ z.minimum(1));

/** `POST …/documents/{documentId}/reviews`: asks members to review one version (the latest). */
export const RequestReviewBody = /* @__PURE__ */ z.strictObject({
  version: VersionNumber,
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
  version: VersionNumber,
  decision: /* @__PURE__ */ z._default(/* @__PURE__ */ z.enum(['approve', 'reject']), 'approve'),
  comment: /* @__PURE__ */ z.optional(/* @__PURE__ */ text(2000)),
});
export type ReviewDecisionBody = z.infer<typeof ReviewDecisionBody>;

/** `POST …/status`: the moves made by hand (withdraw a review, retire, revive). */
export const DocumentStatusBody = /* @__PURE__ */ z.strictObject({
  version: VersionNumber,
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
  version: VersionNumber,
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
