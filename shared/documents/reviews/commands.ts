import { ulid } from 'ulid';
import type { ProjectScope } from '#shared/auth/project-access';
import type { DocumentCommentRecord, DocumentStatus } from '#shared/documents/model';
import { readDocumentBody, resolveDocument } from '#shared/documents/queries';
import { updateDocumentIf } from '#shared/documents/repository';
import * as m from '#shared/documents/reviews/messages';
import { loadReviewView, reviewedOf, toCommentView } from '#shared/documents/reviews/queries';
import {
  endReviewRound,
  getComment,
  insertComment,
  listAllMembers,
  listDecisions,
  putDecision,
  type ReviewedDocumentRecord,
  type ReviewState,
  setThreadResolved,
  startReviewRound,
} from '#shared/documents/reviews/repository';
import {
  anchorProblem,
  approvalsCounted,
  decisionRefusal,
  manualMoveAllowed,
  mentionedUserIds,
  requiredApprovalsProblem,
  reviewerProblems,
  reviewOutcome,
  reviewRequestAllowed,
  threadRootId,
} from '#shared/documents/reviews/rules';
import { publishEvent } from '#shared/events/publisher';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '#shared/http/errors';
import type {
  CreateCommentBody,
  DocumentComment,
  DocumentStatusBody,
  RequestReviewBody,
  ReviewDecisionBody,
} from '#shared/schemas/documents';
import { getUsers } from '#shared/users/repository';

const originOf = (scope: ProjectScope) => ({
  actorId: scope.caller.auth.userId,
  correlationId: scope.caller.correlationId,
});

function staleVersion(version: number, currentVersion: number): ConflictError {
  return new ConflictError('DOCUMENT_VERSION_STALE', m.staleVersion({ version, currentVersion }));
}

function illegalTransition(from: DocumentStatus, to: DocumentStatus): ConflictError {
  return new ConflictError('ILLEGAL_STATUS_TRANSITION', m.illegalTransition({ from, to }));
}

/** The refusal for a write whose condition failed: the document moved since it was read (read it again to say how). */
async function movedMeanwhile(scope: ProjectScope, documentId: string, version: number, to: DocumentStatus) {
  const current = await resolveDocument(scope, documentId);
  if (current.version !== version) return staleVersion(version, current.version);
  return illegalTransition(current.status, to);
}

async function announceStatus(
  scope: ProjectScope,
  document: { id: string; version: number },
  from: DocumentStatus,
  to: DocumentStatus,
): Promise<void> {
  if (from === to) return;
  await publishEvent(
    'Document Status Changed',
    scope.projectId,
    { documentId: document.id, version: document.version, from, to },
    originOf(scope),
  );
}

/**
 * POST …/documents/{documentId}/reviews: asks members to review the latest version (`version`
 * must be it). Reviewers are members who may approve it (developer and up, not its author).
 * A draft goes to in_review; one already in review starts a new round with these reviewers.
 */
export async function requestReview(scope: ProjectScope, ref: string, body: RequestReviewBody) {
  const document: ReviewedDocumentRecord = await resolveDocument(scope, ref);
  if (body.version !== document.version) throw staleVersion(body.version, document.version);
  if (!reviewRequestAllowed(document.status)) throw illegalTransition(document.status, 'in_review');
  const members = await listAllMembers(scope.projectId);
  const roles = new Map(members.map((member) => [member.userId, member.role]));
  const version = { version: document.version, createdBy: document.versionCreatedBy };
  const problems = reviewerProblems(body.reviewers, roles, version);
  const unreachable = requiredApprovalsProblem(body.requiredApprovals, members, version);
  if (unreachable) problems.push(unreachable);
  if (problems.length > 0) throw new ValidationError(problems, m.reviewersInvalid());
  const updated = await startReviewRound(scope.projectId, document.id, {
    version: body.version,
    reviewers: body.reviewers,
    requiredApprovals: body.requiredApprovals,
    requestedBy: scope.caller.auth.userId,
    at: new Date().toISOString(),
  });
  if (!updated) throw await movedMeanwhile(scope, document.id, body.version, 'in_review');
  await publishEvent(
    'Document Review Requested',
    scope.projectId,
    {
      documentId: document.id,
      version: updated.version,
      reviewers: body.reviewers,
      requiredApprovals: body.requiredApprovals,
    },
    originOf(scope),
  );
  await announceStatus(scope, updated, document.status, 'in_review');
  // A new round: no decision of it exists yet.
  return loadReviewView(scope, updated);
}

/**
 * POST …/documents/{documentId}/approvals: the caller approves `version` (the latest, in
 * review, not theirs), or rejects it (changes requested: the document goes back to draft).
 * One decision per member per version and round; enough approvals approve the document.
 * Counted from the stored decisions, so members deciding at the same moment all count.
 */
export async function decideReview(scope: ProjectScope, ref: string, body: ReviewDecisionBody) {
  const document: ReviewedDocumentRecord = await resolveDocument(scope, ref);
  const reviewed = reviewedOf(document);
  const userId = scope.caller.auth.userId;
  const refusal = decisionRefusal(reviewed, body.version, userId);
  if (refusal?.status === 403) throw new ForbiddenError(refusal.code, refusal.detail);
  if (refusal) throw new ConflictError(refusal.code, refusal.detail);
  const recorded = await putDecision({
    projectId: scope.projectId,
    documentId: document.id,
    version: body.version,
    round: reviewed.reviewRound,
    userId,
    decision: body.decision,
    comment: body.comment ?? null,
    decidedAt: new Date().toISOString(),
  });
  if (!recorded) throw new ConflictError('ALREADY_DECIDED', m.alreadyDecided({ version: body.version }));
  const decisions = await listDecisions(scope.projectId, document.id, body.version);
  if (body.decision === 'approve') {
    await publishEvent(
      'Document Approval Granted',
      scope.projectId,
      {
        documentId: document.id,
        version: body.version,
        userId,
        approvals: approvalsCounted(reviewed, decisions),
        requiredApprovals: reviewed.requiredApprovals,
      },
      originOf(scope),
    );
  }
  const outcome = reviewOutcome(body.decision, reviewed, decisions);
  let current: ReviewState = document;
  if (outcome !== 'in_review') {
    // Another member's decision may have moved it first (then it is already where it goes).
    const moved = await endReviewRound(scope.projectId, document.id, {
      version: body.version,
      round: reviewed.reviewRound,
      to: outcome,
    });
    if (moved) {
      current = moved;
      await announceStatus(scope, moved, 'in_review', outcome);
    } else {
      current = await resolveDocument(scope, document.id);
    }
  }
  return loadReviewView(scope, current);
}

/**
 * POST …/documents/{documentId}/status: the moves made by hand on the latest version —
 * withdraw a review (in_review → draft), retire (→ obsolete), revive (obsolete → draft).
 * Anything else is 409 naming from and to.
 */
export async function changeDocumentStatus(scope: ProjectScope, ref: string, body: DocumentStatusBody) {
  const document: ReviewedDocumentRecord = await resolveDocument(scope, ref);
  if (body.version !== document.version) throw staleVersion(body.version, document.version);
  if (!manualMoveAllowed(document.status, body.status)) throw illegalTransition(document.status, body.status);
  const moved = await updateDocumentIf(
    scope.projectId,
    document.id,
    { status: body.status },
    { version: body.version, statuses: [document.status] },
  );
  if (!moved) throw await movedMeanwhile(scope, document.id, body.version, body.status);
  await announceStatus(scope, moved, document.status, body.status);
  return loadReviewView(scope, moved);
}

/** The members a comment's body mentions (`@name` or `@email-local-part`), by user id. */
async function mentionsIn(scope: ProjectScope, body: string): Promise<string[]> {
  if (!body.includes('@')) return [];
  const members = await listAllMembers(scope.projectId);
  const users = await getUsers(members.map((member) => member.userId));
  return mentionedUserIds(body, [...users.values()]);
}

/**
 * POST …/documents/{documentId}/comments: a comment on a version (which must exist), anchored
 * to one of its headings or lines if asked, or a reply in a thread (on the thread's version;
 * a reply to a reply joins the same thread).
 */
export async function addComment(scope: ProjectScope, ref: string, body: CreateCommentBody): Promise<DocumentComment> {
  const document = await resolveDocument(scope, ref);
  const text = await readDocumentBody(scope, document, body.version);
  let root: DocumentCommentRecord | undefined;
  if (body.parentId) {
    const parent = await getComment(scope.projectId, document.id, body.parentId);
    if (!parent) throw new ValidationError([{ path: 'body.parentId', message: m.parentNotFound() }]);
    if (parent.version !== body.version) {
      throw new ValidationError([{ path: 'body.version', message: m.replyVersion({ version: parent.version }) }]);
    }
    root = parent.parentId ? await getComment(scope.projectId, document.id, threadRootId(parent)) : parent;
  }
  const anchor = body.anchor ?? null;
  const problem = anchor ? anchorProblem(anchor, { body: text, version: body.version, format: document.format }) : null;
  if (problem) throw new ValidationError([problem], m.anchorInvalid());
  const now = new Date().toISOString();
  const comment: DocumentCommentRecord = {
    id: ulid().toLowerCase(),
    documentId: document.id,
    projectId: scope.projectId,
    version: body.version,
    parentId: root?.id ?? null,
    anchor,
    body: body.body,
    mentions: await mentionsIn(scope, body.body),
    resolved: false,
    resolvedBy: null,
    createdBy: scope.caller.auth.userId,
    createdAt: now,
    updatedAt: now,
  };
  await insertComment(comment);
  await publishEvent(
    'Document Comment Added',
    scope.projectId,
    {
      documentId: document.id,
      commentId: comment.id,
      version: comment.version,
      parentId: comment.parentId,
      mentions: comment.mentions,
    },
    originOf(scope),
  );
  return toCommentView(comment, root);
}

/**
 * POST …/comments/{commentId}/resolve and /reopen: resolution belongs to a thread, so
 * resolving a reply resolves its thread (the root); the answer is the root.
 */
export async function setCommentResolved(
  scope: ProjectScope,
  ref: string,
  commentId: string,
  resolved: boolean,
): Promise<DocumentComment> {
  const document = await resolveDocument(scope, ref);
  const comment = await getComment(scope.projectId, document.id, commentId);
  if (!comment) throw new NotFoundError('COMMENT_NOT_FOUND', m.commentNotFound());
  const rootId = threadRootId(comment);
  const current = rootId === comment.id ? comment : await getComment(scope.projectId, document.id, rootId);
  // Already so: nothing changes and nothing is announced (a repeated click is harmless).
  if (current?.resolved === resolved) return toCommentView(current);
  const root = await setThreadResolved(scope.projectId, document.id, rootId, {
    resolved,
    by: scope.caller.auth.userId,
    at: new Date().toISOString(),
  });
  if (!root) throw new NotFoundError('COMMENT_NOT_FOUND', m.commentNotFound());
  await publishEvent(
    resolved ? 'Document Comment Resolved' : 'Document Comment Reopened',
    scope.projectId,
    { documentId: document.id, commentId: rootId },
    originOf(scope),
  );
  return toCommentView(root);
}
