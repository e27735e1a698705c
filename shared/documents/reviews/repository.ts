import { ITEM_EXISTS, putIf, putIfAbsent, updateAndGetIf } from '#shared/data/conditional-writes';
import { decodeCursor, invalidCursorError } from '#shared/data/cursor';
import { type Page, recordOf, table } from '#shared/data/repository';
import type { DocumentCommentRecord, DocumentRecord, DocumentStatus } from '#shared/documents/model';
import { documentKey } from '#shared/documents/repository';
import type { ReviewDecision } from '#shared/documents/reviews/rules';
import type { MembershipRecord } from '#shared/projects/repository';

// Storage of reviews (the key layout of shared/documents/model.ts): decisions under
// DOCAPPROVAL#<documentId>#<version, 8 digits>#<userId>, comments under
// DOCCOMMENT#<documentId>#<commentId>, and the review attributes of the document item
// (status, reviewers, requiredApprovals, reviewRound), each written with a condition on the
// version and status the decision was made on.

/** The document item as reviews read it: `reviewRound` is theirs (absent before the first request). */
export type ReviewedDocumentRecord = DocumentRecord & { reviewRound?: number };

/** The review attributes of the document item, as a review write answers them. */
export type ReviewState = Pick<
  ReviewedDocumentRecord,
  'id' | 'status' | 'version' | 'versionCreatedBy' | 'reviewers' | 'requiredApprovals' | 'reviewRound'
>;

/** A member's decision on a version in a review round, as stored. */
export interface ReviewDecisionRecord extends ReviewDecision {
  documentId: string;
  projectId: string;
  comment: string | null;
  decidedAt: string;
}

const partition = (projectId: string) => `PROJECT#${projectId}`;
const versionDigits = (version: number) => String(version).padStart(8, '0');
const decisionPrefix = (documentId: string, version: number) => `DOCAPPROVAL#${documentId}#${versionDigits(version)}#`;
const commentPrefix = (documentId: string) => `DOCCOMMENT#${documentId}#`;
const commentKey = (projectId: string, documentId: string, commentId: string) => ({
  PK: partition(projectId),
  SK: `${commentPrefix(documentId)}${commentId}`,
});

/**
 * Starts a review round on `version`: the document goes to in_review with these reviewers
 * and required approvals, and its round number goes up by one (decisions of earlier rounds
 * stop counting). Undefined when the document moved meanwhile (another version, or a status
 * a review cannot be requested from).
 */
export async function startReviewRound(
  projectId: string,
  documentId: string,
  request: { version: number; reviewers: string[]; requiredApprovals: number; requestedBy: string; at: string },
): Promise<ReviewState | undefined> {
  const item = await updateAndGetIf({
    Key: documentKey(projectId, documentId),
    UpdateExpression:
      'SET #status = :inReview, reviewers = :reviewers, requiredApprovals = :required, ' +
      'reviewRound = if_not_exists(reviewRound, :zero) + :one, reviewRequestedBy = :by, reviewRequestedAt = :at',
    ConditionExpression: `${ITEM_EXISTS} AND #version = :version AND #status IN (:draft, :inReview)`,
    ExpressionAttributeNames: { '#status': 'status', '#version': 'version' },
    ExpressionAttributeValues: {
      ':inReview': 'in_review',
      ':draft': 'draft',
      ':reviewers': request.reviewers,
      ':required': request.requiredApprovals,
      ':zero': 0,
      ':one': 1,
      ':by': request.requestedBy,
      ':at': request.at,
      ':version': request.version,
    },
  });
  return recordOf<ReviewState>(item);
}

/**
 * Ends a review round: moves the document from in_review to `to` if it is still at `version`
 * in round `round` (a new request meanwhile started another round). Undefined when it moved.
 */
export async function endReviewRound(
  projectId: string,
  documentId: string,
  end: { version: number; round: number; to: DocumentStatus },
): Promise<ReviewState | undefined> {
  const item = await updateAndGetIf({
    Key: documentKey(projectId, documentId),
    UpdateExpression: 'SET #status = :to',
    ConditionExpression: `${ITEM_EXISTS} AND #version = :version AND #status = :inReview AND reviewRound = :round`,
    ExpressionAttributeNames: { '#status': 'status', '#version': 'version' },
    ExpressionAttributeValues: {
      ':to': end.to,
      ':inReview': 'in_review',
      ':version': end.version,
      ':round': end.round,
    },
  });
  return recordOf<ReviewState>(item);
}

/** Records a decision; false when the user already decided on this version in this round. */
export function putDecision(record: ReviewDecisionRecord): Promise<boolean> {
  return putIf({
    Item: {
      PK: partition(record.projectId),
      SK: `${decisionPrefix(record.documentId, record.version)}${record.userId}`,
      type: 'DocumentApproval',
      ...record,
    },
    // A later round replaces the user's decision of an earlier one on the same version.
    ConditionExpression: 'attribute_not_exists(PK) OR #round < :round',
    ExpressionAttributeNames: { '#round': 'round' },
    ExpressionAttributeValues: { ':round': record.round },
  });
}

/** Every decision recorded on a version (at most one per member). */
export async function listDecisions(
  projectId: string,
  documentId: string,
  version: number,
): Promise<ReviewDecisionRecord[]> {
  const items = await table.queryAll({
    KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
    ExpressionAttributeValues: { ':pk': partition(projectId), ':prefix': decisionPrefix(documentId, version) },
  });
  return items.map((item) => recordOf<ReviewDecisionRecord>(item) as ReviewDecisionRecord);
}

/** Every member of the project (bounded: a project's team). */
export async function listAllMembers(projectId: string): Promise<MembershipRecord[]> {
  const items = await table.queryAll({
    KeyConditionExpression: 'PK = :pk AND begins_with(SK, :member)',
    ExpressionAttributeValues: { ':pk': partition(projectId), ':member': 'MEMBER#' },
  });
  return items.map((item) => recordOf<MembershipRecord>(item) as MembershipRecord);
}

/** Stores a new comment. */
export async function insertComment(record: DocumentCommentRecord): Promise<void> {
  const stored = await putIfAbsent({
    ...commentKey(record.projectId, record.documentId, record.id),
    type: 'DocumentComment',
    ...record,
  });
  if (!stored) throw new Error(`Comment ${record.id} already exists`);
}

/** A comment of the document, if it exists. */
export async function getComment(
  projectId: string,
  documentId: string,
  commentId: string,
): Promise<DocumentCommentRecord | undefined> {
  const key = commentKey(projectId, documentId, commentId);
  return recordOf<DocumentCommentRecord>(await table.get(key.PK, key.SK));
}

/** A page of the document's comments, oldest first (ids are ULIDs), of one version if given. */
export async function listComments(
  projectId: string,
  documentId: string,
  page: { limit: number; cursor?: string; version?: number },
): Promise<Page<DocumentCommentRecord>> {
  const keyShape = { attributes: ['PK', 'SK'], partition: { PK: partition(projectId) } };
  // A cursor of another list of the project (another document's comments) is refused, not read past.
  const start = decodeCursor(page.cursor, keyShape);
  if (start && !String(start.SK).startsWith(commentPrefix(documentId))) throw invalidCursorError();
  const byVersion = page.version === undefined ? {} : { FilterExpression: '#version = :version' };
  const result = await table.queryPage(
    {
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
      ...byVersion,
      ...(page.version === undefined ? {} : { ExpressionAttributeNames: { '#version': 'version' } }),
      ExpressionAttributeValues: {
        ':pk': partition(projectId),
        ':prefix': commentPrefix(documentId),
        ...(page.version === undefined ? {} : { ':version': page.version }),
      },
    },
    { limit: page.limit, cursor: page.cursor },
    keyShape,
  );
  return {
    items: result.items.map((item) => recordOf<DocumentCommentRecord>(item) as DocumentCommentRecord),
    nextCursor: result.nextCursor,
  };
}

/** Resolves or reopens a thread (its root comment); undefined when the comment is gone. */
export async function setThreadResolved(
  projectId: string,
  documentId: string,
  rootId: string,
  change: { resolved: boolean; by: string; at: string },
): Promise<DocumentCommentRecord | undefined> {
  const item = await updateAndGetIf({
    Key: commentKey(projectId, documentId, rootId),
    UpdateExpression: 'SET resolved = :resolved, resolvedBy = :by, updatedAt = :at',
    ConditionExpression: ITEM_EXISTS,
    ExpressionAttributeValues: {
      ':resolved': change.resolved,
      ':by': change.resolved ? change.by : null,
      ':at': change.at,
    },
  });
  return recordOf<DocumentCommentRecord>(item);
}
