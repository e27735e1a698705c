import { minimumRole, roleAtLeast } from '#shared/auth/permissions';
import type { DocumentFormat, DocumentStatus } from '#shared/documents/model';
import { documentOutline } from '#shared/documents/rendering';
import * as m from '#shared/documents/reviews/messages';
import type { FieldProblem } from '#shared/http/errors';
import type { LocalizedText } from '#shared/i18n/catalogue';
import type { ProjectRole } from '#shared/schemas/projects';

// The review workflow as decisions, without I/O: which status moves are legal, who may review
// and approve a version, how decisions count, where a comment may be anchored and whom it mentions.
// Approvals mirror deployment approvals (shared/deployments/protection.ts): one decision per
// user, the author never approves, one rejection ends the round, enough approvals pass it.

/**
 * The status a document takes when a new version is saved (an edit or a restore): an approved
 * document goes back to review, since its approval was for an older version; the others keep
 * theirs. An obsolete document is not edited (the core refuses the save).
 */
export function statusAfterNewVersion(status: DocumentStatus): DocumentStatus {
  return status === 'approved' ? 'in_review' : status;
}

/**
 * Moves a member makes by hand (`POST …/status`); `→ in_review` is requesting a review and
 * `in_review → approved` happens only by enough approvals. Withdrawing a review (or requesting
 * changes) sends it back to draft; any live document may be retired; a retired one is revived
 * as a draft.
 */
const MANUAL_MOVES: Readonly<Record<DocumentStatus, readonly DocumentStatus[]>> = {
  draft: ['obsolete'],
  in_review: ['draft', 'obsolete'],
  approved: ['obsolete'],
  obsolete: ['draft'],
};

/** Whether `POST …/status` may move a document from `from` to `to`. */
export function manualMoveAllowed(from: DocumentStatus, to: DocumentStatus): boolean {
  return MANUAL_MOVES[from].includes(to);
}

/**
 * Whether a review may be requested: a draft goes to review; one in review may be asked again
 * (new reviewers, a new round). An approved document is already reviewed (a new version sends it
 * back), and an obsolete one is revived as a draft first.
 */
export function reviewRequestAllowed(status: DocumentStatus): boolean {
  return status === 'draft' || status === 'in_review';
}

/** The least role that may review and approve documents (the `document:review` permission). */
export const REVIEWER_ROLE: ProjectRole = /* @__PURE__ */ minimumRole({ resource: 'document', action: 'review' });

/** A project member, as the review rules see them. */
export interface ReviewMember {
  userId: string;
  role: ProjectRole;
}

/** Whether a member may approve a version written by `versionAuthor`: by role, and never its author. */
export function mayApprove(member: ReviewMember, versionAuthor: string): boolean {
  return roleAtLeast(member.role, REVIEWER_ROLE) && member.userId !== versionAuthor;
}

/**
 * What is wrong with the requested reviewers, one problem per refused user (path
 * `body.reviewers.<index>`): each must be a member who may approve this version.
 */
export function reviewerProblems(
  reviewers: readonly string[],
  members: ReadonlyMap<string, ProjectRole>,
  version: { version: number; createdBy: string },
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  reviewers.forEach((userId, index) => {
    const path = `body.reviewers.${index}`;
    const role = members.get(userId);
    if (!role) problems.push({ path, message: m.reviewerNotMember({ userId }) });
    else if (!roleAtLeast(role, REVIEWER_ROLE)) {
      problems.push({ path, message: m.reviewerRole({ userId, role, required: REVIEWER_ROLE }) });
    } else if (userId === version.createdBy) {
      problems.push({ path, message: m.reviewerIsAuthor({ userId, version: version.version }) });
    }
  });
  return problems;
}

/**
 * Refuses a review that could never pass (path `body.requiredApprovals`): fewer members may
 * approve the version than the approvals it asks for (protection.ts's `unapprovable`).
 */
export function requiredApprovalsProblem(
  requiredApprovals: number,
  members: readonly ReviewMember[],
  version: { version: number; createdBy: string },
): FieldProblem | null {
  const eligible = members.filter((member) => mayApprove(member, version.createdBy)).length;
  if (eligible >= requiredApprovals) return null;
  return { path: 'body.requiredApprovals', message: m.tooFewApprovers({ eligible, version: version.version }) };
}

/** A recorded decision on a version in a review round. */
export interface ReviewDecision {
  userId: string;
  version: number;
  round: number;
  decision: 'approve' | 'reject';
}

/** The document as a decision sees it. */
export interface ReviewedDocument {
  status: DocumentStatus;
  version: number;
  versionCreatedBy: string;
  requiredApprovals: number;
  /** The current review round (0 before any request). */
  reviewRound: number;
}

/** Why `userId` may not decide on `version` of the document now, or null when they may. */
export function decisionRefusal(
  document: ReviewedDocument,
  version: number,
  userId: string,
): { status: 403 | 409; code: string; detail: LocalizedText } | null {
  if (version !== document.version) {
    return {
      status: 409,
      code: 'DOCUMENT_VERSION_STALE',
      detail: m.staleVersion({ version, currentVersion: document.version }),
    };
  }
  if (document.status !== 'in_review') {
    return { status: 409, code: 'DOCUMENT_NOT_IN_REVIEW', detail: m.notInReview({ status: document.status }) };
  }
  if (userId === document.versionCreatedBy) {
    return { status: 403, code: 'SELF_APPROVAL', detail: m.selfApproval({ version }) };
  }
  return null;
}

/**
 * The decisions that count for the document now: those on its current version in its current
 * round. Approvals of an older version (or of a round a rejection ended) count for nothing.
 */
export function currentDecisions<D extends ReviewDecision>(
  document: Pick<ReviewedDocument, 'version' | 'reviewRound'>,
  decisions: readonly D[],
): D[] {
  return decisions.filter(
    (decision) => decision.version === document.version && decision.round === document.reviewRound,
  );
}

/** How many members approve the current version in the current round (each counted once). */
export function approvalsCounted(
  document: Pick<ReviewedDocument, 'version' | 'reviewRound' | 'versionCreatedBy'>,
  decisions: readonly ReviewDecision[],
): number {
  const approvers = currentDecisions(document, decisions)
    .filter((decision) => decision.decision === 'approve' && decision.userId !== document.versionCreatedBy)
    .map((decision) => decision.userId);
  return new Set(approvers).size;
}

/**
 * What a new decision does to the review, given every decision recorded (the new one
 * included): a rejection (changes requested) sends the document back to draft, enough
 * approvals approve it, otherwise it stays in review.
 */
export function reviewOutcome(
  decision: 'approve' | 'reject',
  document: Pick<ReviewedDocument, 'version' | 'reviewRound' | 'versionCreatedBy' | 'requiredApprovals'>,
  decisions: readonly ReviewDecision[],
): Extract<DocumentStatus, 'draft' | 'in_review' | 'approved'> {
  if (decision === 'reject') return 'draft';
  return approvalsCounted(document, decisions) >= document.requiredApprovals ? 'approved' : 'in_review';
}

/** Members who may still approve the current version: reviewers by role, not its author, not yet decided this round. */
export function pendingApprovers(
  document: Pick<ReviewedDocument, 'status' | 'version' | 'reviewRound' | 'versionCreatedBy'>,
  members: readonly ReviewMember[],
  decisions: readonly ReviewDecision[],
): string[] {
  if (document.status !== 'in_review') return [];
  const decided = new Set(currentDecisions(document, decisions).map((decision) => decision.userId));
  return members
    .filter((member) => mayApprove(member, document.versionCreatedBy) && !decided.has(member.userId))
    .map((member) => member.userId)
    .sort();
}

/** Where a comment points in its version: a heading (its text or its anchor slug) or a line range. */
export type CommentAnchor = { heading: string } | { startLine: number; endLine: number };

/** The number of lines of a body (a trailing newline does not start another line). */
export function lineCount(body: string): number {
  if (body === '') return 0;
  return body.replace(/\r?\n$/, '').split(/\r?\n/).length;
}

/**
 * What is wrong with a comment's anchor on a version's body (path `body.anchor`), or null: a
 * heading must be one of a markdown body's headings (by its text or its slug; an OpenAPI
 * document has none, its `#` lines are YAML comments), lines must lie within the body.
 */
export function anchorProblem(
  anchor: CommentAnchor,
  version: { body: string; version: number; format: DocumentFormat },
): FieldProblem | null {
  const { body } = version;
  if ('heading' in anchor) {
    const wanted = anchor.heading.trim();
    const headings = version.format === 'markdown' ? documentOutline(body) : [];
    const found = headings.some((entry) => entry.text === wanted || entry.anchor === wanted);
    return found
      ? null
      : { path: 'body.anchor.heading', message: m.headingNotFound({ heading: wanted, version: version.version }) };
  }
  const lines = lineCount(body);
  if (anchor.endLine <= lines) return null;
  return { path: 'body.anchor.endLine', message: m.linesOutside({ version: version.version, lineCount: lines }) };
}

/** The thread a reply joins: its parent's root (threads are one level deep; a reply to a reply joins the same thread). */
export function threadRootId(parent: { id: string; parentId: string | null }): string {
  return parent.parentId ?? parent.id;
}

/** A member as a mention sees them: who they are called. */
export interface MentionableMember {
  userId: string;
  name: string;
  email: string;
}

const WORD_CHARACTER = /[\p{L}\p{N}_]/u;

/**
 * The members a comment mentions: each `@` (not inside a word, so emails are not mentions)
 * followed by a member's name (as written in their profile, spaces included, any letter case)
 * or their email's local part, the longest match winning; the name must end there (no letter,
 * digit or underscore follows). Unknown names stay plain text. Each user once, in order of
 * first mention.
 */
export function mentionedUserIds(text: string, members: readonly MentionableMember[]): string[] {
  const candidates = members
    .flatMap((member) => [member.name, member.email.split('@')[0] ?? ''].map((alias) => ({ member, alias })))
    .filter(({ alias }) => alias.trim() !== '')
    .map(({ member, alias }) => ({ userId: member.userId, alias: alias.toLocaleLowerCase('und') }))
    .sort((a, b) => b.alias.length - a.alias.length);
  const lower = text.toLocaleLowerCase('und');
  const mentioned: string[] = [];
  for (let at = lower.indexOf('@'); at >= 0; at = lower.indexOf('@', at + 1)) {
    if (at > 0 && WORD_CHARACTER.test(lower.charAt(at - 1))) continue;
    const rest = lower.slice(at + 1);
    const match = candidates.find(
      ({ alias }) => rest.startsWith(alias) && !WORD_CHARACTER.test(rest.charAt(alias.length)),
    );
    if (match && !mentioned.includes(match.userId)) mentioned.push(match.userId);
  }
  return mentioned;
}
