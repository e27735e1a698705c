import { defineRoute } from '#shared/api/route-definition';
import {
  CommentParams,
  CreateCommentBody,
  DocumentParams,
  DocumentStatusBody,
  ListCommentsQuery,
  RequestReviewBody,
  ReviewDecisionBody,
} from '#shared/schemas/documents';

// Reviews of design documents (issue 11): review rounds, approvals, status moves and comment
// threads. One export per route; a handler imports its own (docs/architecture.md).

const REVIEW = { resource: 'document', action: 'review' } as const;
const READ = { resource: 'document', action: 'read' } as const;

export const RequestDocumentReview = /* @__PURE__ */ defineRoute({
  id: 'RequestDocumentReview',
  method: 'POST',
  path: '/v1/projects/{projectId}/documents/{documentId}/reviews',
  handler: 'functions/document-reviews/request-review.ts',
  auth: 'user',
  permission: REVIEW,
  summary: 'Asks members to review the latest version (a new round); the document goes to in_review',
  access: { table: 'readWrite', events: true },
  request: { params: DocumentParams, body: RequestReviewBody },
  response: { status: 200 },
});

export const GetDocumentReview = /* @__PURE__ */ defineRoute({
  id: 'GetDocumentReview',
  method: 'GET',
  path: '/v1/projects/{projectId}/documents/{documentId}/reviews',
  handler: 'functions/document-reviews/get-review.ts',
  auth: 'user',
  permission: READ,
  summary: "A document's review: status, the current round's decisions on the latest version, who may still approve",
  access: { table: 'read' },
  request: { params: DocumentParams },
  response: { status: 200 },
});

export const DecideDocumentReview = /* @__PURE__ */ defineRoute({
  id: 'DecideDocumentReview',
  method: 'POST',
  path: '/v1/projects/{projectId}/documents/{documentId}/approvals',
  handler: 'functions/document-reviews/decide-review.ts',
  auth: 'user',
  permission: REVIEW,
  summary: 'Approves the version in review (never its author), or rejects it back to draft',
  access: { table: 'readWrite', events: true },
  request: { params: DocumentParams, body: ReviewDecisionBody },
  response: { status: 200 },
});

export const ChangeDocumentStatus = /* @__PURE__ */ defineRoute({
  id: 'ChangeDocumentStatus',
  method: 'POST',
  path: '/v1/projects/{projectId}/documents/{documentId}/status',
  handler: 'functions/document-reviews/change-status.ts',
  auth: 'user',
  permission: REVIEW,
  summary: 'Withdraws a review (to draft), retires a document (obsolete) or revives it (draft); 409 otherwise',
  access: { table: 'readWrite', events: true },
  request: { params: DocumentParams, body: DocumentStatusBody },
  response: { status: 200 },
});

export const CreateDocumentComment = /* @__PURE__ */ defineRoute({
  id: 'CreateDocumentComment',
  method: 'POST',
  path: '/v1/projects/{projectId}/documents/{documentId}/comments',
  handler: 'functions/document-reviews/create-comment.ts',
  auth: 'user',
  permission: REVIEW,
  summary: 'Comments on a version (anchored to a heading or lines), or replies in a thread; records @mentions',
  access: { table: 'readWrite', artifacts: 'read', events: true },
  request: { params: DocumentParams, body: CreateCommentBody },
  response: { status: 201 },
});

export const ListDocumentComments = /* @__PURE__ */ defineRoute({
  id: 'ListDocumentComments',
  method: 'GET',
  path: '/v1/projects/{projectId}/documents/{documentId}/comments',
  handler: 'functions/document-reviews/list-comments.ts',
  auth: 'user',
  permission: READ,
  summary: "A document's comments, oldest first (of one version with ?version=)",
  access: { table: 'read' },
  request: { params: DocumentParams, query: ListCommentsQuery },
  response: { status: 200 },
});

export const ResolveDocumentComment = /* @__PURE__ */ defineRoute({
  id: 'ResolveDocumentComment',
  method: 'POST',
  path: '/v1/projects/{projectId}/documents/{documentId}/comments/{commentId}/resolve',
  handler: 'functions/document-reviews/resolve-comment.ts',
  auth: 'user',
  permission: REVIEW,
  summary: "Resolves the comment's thread (a reply resolves its root)",
  access: { table: 'readWrite', events: true },
  request: { params: CommentParams },
  response: { status: 200 },
});

export const ReopenDocumentComment = /* @__PURE__ */ defineRoute({
  id: 'ReopenDocumentComment',
  method: 'POST',
  path: '/v1/projects/{projectId}/documents/{documentId}/comments/{commentId}/reopen',
  handler: 'functions/document-reviews/reopen-comment.ts',
  auth: 'user',
  permission: REVIEW,
  summary: "Reopens the comment's resolved thread",
  access: { table: 'readWrite', events: true },
  request: { params: CommentParams },
  response: { status: 200 },
});

/** Routes served by functions/document-reviews/. */
export const DOCUMENT_REVIEWS_ROUTES = {
  RequestDocumentReview,
  GetDocumentReview,
  DecideDocumentReview,
  ChangeDocumentStatus,
  CreateDocumentComment,
  ListDocumentComments,
  ResolveDocumentComment,
  ReopenDocumentComment,
};
