import type { ProjectScope } from '#shared/auth/project-access';
import type { DocumentCommentRecord } from '#shared/documents/model';
import { resolveDocument } from '#shared/documents/queries';
import {
  getComment,
  listAllMembers,
  listComments,
  listDecisions,
  type ReviewDecisionRecord,
  type ReviewState,
} from '#shared/documents/reviews/repository';
import {
  approvalsCounted,
  currentDecisions,
  pendingApprovers,
  type ReviewedDocument,
} from '#shared/documents/reviews/rules';
import type { DocumentComment, ListCommentsQuery } from '#shared/schemas/documents';
import type { ProjectRole } from '#shared/schemas/projects';

/** The review rules' view of a stored document (no round before the first request). */
export function reviewedOf(document: ReviewState): ReviewedDocument {
  return {
    status: document.status,
    version: document.version,
    versionCreatedBy: document.versionCreatedBy,
    requiredApprovals: document.requiredApprovals,
    reviewRound: document.reviewRound ?? 0,
  };
}

/** The review of a document as the API answers it: the current round and who may still approve. */
export function toReviewView(
  document: ReviewState,
  decisions: readonly ReviewDecisionRecord[],
  members: readonly { userId: string; role: ProjectRole }[],
) {
  const reviewed = reviewedOf(document);
  return {
    documentId: document.id,
    status: document.status,
    version: document.version,
    versionCreatedBy: document.versionCreatedBy,
    round: reviewed.reviewRound,
    reviewers: document.reviewers,
    requiredApprovals: document.requiredApprovals,
    approvals: approvalsCounted(reviewed, decisions),
    decisions: currentDecisions(reviewed, decisions).map((decision) => ({
      userId: decision.userId,
      decision: decision.decision,
      comment: decision.comment,
      decidedAt: decision.decidedAt,
    })),
    pendingApproverUserIds: pendingApprovers(reviewed, members, decisions),
  };
}

/** The review view of a document as stored now (its decisions and the project's members read). */
export async function loadReviewView(scope: ProjectScope, document: ReviewState) {
  const [decisions, members] = await Promise.all([
    listDecisions(scope.projectId, document.id, document.version),
    listAllMembers(scope.projectId),
  ]);
  return toReviewView(document, decisions, members);
}

/** GET …/documents/{documentId}/reviews. */
export async function getDocumentReview(scope: ProjectScope, ref: string) {
  return loadReviewView(scope, await resolveDocument(scope, ref));
}

/** A comment as the API answers it; `resolved` is its thread's (kept on the root). */
export function toCommentView(comment: DocumentCommentRecord, root: DocumentCommentRecord = comment): DocumentComment {
  return {
    id: comment.id,
    documentId: comment.documentId,
    version: comment.version,
    parentId: comment.parentId,
    anchor: comment.anchor,
    body: comment.body,
    mentions: comment.mentions,
    resolved: root.resolved,
    resolvedBy: root.resolvedBy,
    createdBy: comment.createdBy,
    createdAt: comment.createdAt,
    updatedAt: comment.updatedAt,
  };
}

/** GET …/documents/{documentId}/comments: a page, oldest first; each reply shows its thread's state. */
export async function listDocumentComments(scope: ProjectScope, ref: string, query: ListCommentsQuery) {
  const document = await resolveDocument(scope, ref);
  const page = await listComments(scope.projectId, document.id, query);
  const roots = new Map(page.items.map((comment) => [comment.id, comment]));
  const missing = [...new Set(page.items.flatMap((comment) => (comment.parentId ? [comment.parentId] : [])))].filter(
    (rootId) => !roots.has(rootId),
  );
  const found = await Promise.all(missing.map((rootId) => getComment(scope.projectId, document.id, rootId)));
  for (const root of found) if (root) roots.set(root.id, root);
  return {
    items: page.items.map((comment) => toCommentView(comment, roots.get(comment.parentId ?? comment.id))),
    nextCursor: page.nextCursor,
  };
}
