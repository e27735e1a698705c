import { describe, expect, it } from 'vitest';
import { DOCUMENT_STATUSES, type DocumentStatus } from '#shared/documents/model';
import {
  anchorProblem,
  approvalsCounted,
  decisionRefusal,
  lineCount,
  manualMoveAllowed,
  mayApprove,
  mentionedUserIds,
  pendingApprovers,
  type ReviewDecision,
  type ReviewedDocument,
  requiredApprovalsProblem,
  reviewerProblems,
  reviewOutcome,
  reviewRequestAllowed,
  statusAfterNewVersion,
  threadRootId,
} from '#shared/documents/reviews/rules';
import { formatText } from '#shared/i18n/catalogue';
import type { ProjectRole } from '#shared/schemas/projects';

const AUTHOR = 'user-author';
const ALICE = 'user-alice';
const BOB = 'user-bob';
const CAROL = 'user-carol';

const inReview = (changes: Partial<ReviewedDocument> = {}): ReviewedDocument => ({
  status: 'in_review',
  version: 3,
  versionCreatedBy: AUTHOR,
  requiredApprovals: 2,
  reviewRound: 1,
  ...changes,
});
const approve = (userId: string, version = 3, round = 1): ReviewDecision => ({
  userId,
  version,
  round,
  decision: 'approve',
});

describe('the review workflow', () => {
  it('allows exactly the manual moves draft→obsolete, in_review→draft|obsolete, approved→obsolete, obsolete→draft', () => {
    // Arrange
    const allowed = DOCUMENT_STATUSES.flatMap((from) =>
      DOCUMENT_STATUSES.filter((to) => manualMoveAllowed(from, to)).map((to) => `${from}→${to}`),
    );

    // Assert
    expect(allowed.sort()).toEqual(
      ['approved→obsolete', 'draft→obsolete', 'in_review→draft', 'in_review→obsolete', 'obsolete→draft'].sort(),
    );
  });

  it('never approves by hand and never stays in place', () => {
    for (const from of DOCUMENT_STATUSES) {
      expect(manualMoveAllowed(from, 'approved')).toBe(false);
      expect(manualMoveAllowed(from, 'in_review')).toBe(false);
      expect(manualMoveAllowed(from, from)).toBe(false);
    }
  });

  it('requests reviews of drafts and of documents already in review only', () => {
    const allowed = DOCUMENT_STATUSES.filter(reviewRequestAllowed);
    expect(allowed).toEqual<DocumentStatus[]>(['draft', 'in_review']);
  });

  it('sends an approved document back to review on a new version and keeps the other statuses', () => {
    expect(statusAfterNewVersion('approved')).toBe('in_review');
    expect(statusAfterNewVersion('draft')).toBe('draft');
    expect(statusAfterNewVersion('in_review')).toBe('in_review');
    expect(statusAfterNewVersion('obsolete')).toBe('obsolete');
  });
});

describe('who approves', () => {
  it('lets developers and above approve, never viewers and never the version author', () => {
    const roles: ProjectRole[] = ['viewer', 'developer', 'maintainer', 'owner'];
    expect(roles.filter((role) => mayApprove({ userId: ALICE, role }, AUTHOR))).toEqual([
      'developer',
      'maintainer',
      'owner',
    ]);
    expect(mayApprove({ userId: AUTHOR, role: 'owner' }, AUTHOR)).toBe(false);
  });

  it('refuses the author of the version with 403 SELF_APPROVAL', () => {
    const refusal = decisionRefusal(inReview(), 3, AUTHOR);
    expect(refusal?.status).toBe(403);
    expect(refusal?.code).toBe('SELF_APPROVAL');
    expect(formatText(refusal!.detail, 'en')).toContain('version 3');
  });

  it('refuses a decision on an older version with 409 naming both versions', () => {
    const refusal = decisionRefusal(inReview({ version: 4 }), 3, ALICE);
    expect(refusal?.status).toBe(409);
    expect(refusal?.code).toBe('DOCUMENT_VERSION_STALE');
    expect(formatText(refusal!.detail, 'en')).toBe('Version 3 is not the latest: the document is at version 4.');
  });

  it('refuses decisions while the document is not in review', () => {
    for (const status of ['draft', 'approved', 'obsolete'] as const) {
      expect(decisionRefusal(inReview({ status }), 3, ALICE)?.code).toBe('DOCUMENT_NOT_IN_REVIEW');
    }
    expect(decisionRefusal(inReview(), 3, ALICE)).toBeNull();
  });

  it('names each requested reviewer who is no member, a viewer or the author', () => {
    // Arrange
    const members = new Map<string, ProjectRole>([
      [ALICE, 'developer'],
      [BOB, 'viewer'],
      [AUTHOR, 'owner'],
    ]);

    // Act
    const problems = reviewerProblems([ALICE, BOB, CAROL, AUTHOR], members, { version: 3, createdBy: AUTHOR });

    // Assert
    expect(problems.map((problem) => problem.path)).toEqual([
      'body.reviewers.1',
      'body.reviewers.2',
      'body.reviewers.3',
    ]);
    expect(problems.map((problem) => formatText(problem.message as never, 'en'))).toEqual([
      'user-bob is a viewer and cannot review (at least developer)',
      'user-carol is not a member of the project',
      'user-author wrote version 3 and cannot review it',
    ]);
  });

  it('refuses asking for more approvals than members who may approve the version', () => {
    // Arrange: the author and a viewer cannot approve; Alice and Bob can
    const members = [
      { userId: AUTHOR, role: 'owner' as const },
      { userId: ALICE, role: 'developer' as const },
      { userId: BOB, role: 'maintainer' as const },
      { userId: CAROL, role: 'viewer' as const },
    ];
    const version = { version: 3, createdBy: AUTHOR };

    // Act
    const problem = requiredApprovalsProblem(3, members, version);

    // Assert
    expect(requiredApprovalsProblem(2, members, version)).toBeNull();
    expect(problem?.path).toBe('body.requiredApprovals');
    expect(formatText(problem!.message as never, 'en')).toBe('only 2 members may approve version 3');
  });
});

describe('counting approvals', () => {
  it('counts approvals of the current version and round only, each approver once', () => {
    const decisions = [approve(ALICE), approve(ALICE), approve(BOB, 2), approve(CAROL, 3, 0)];
    expect(approvalsCounted(inReview(), decisions)).toBe(1);
  });

  it('ignores approvals of an older version after a new one is saved', () => {
    const decisions = [approve(ALICE, 3), approve(BOB, 3)];
    expect(approvalsCounted(inReview({ version: 4 }), decisions)).toBe(0);
    expect(reviewOutcome('approve', inReview({ version: 4 }), [...decisions, approve(CAROL, 4)])).toBe('in_review');
  });

  it('approves when the approvals reach the required number, not before', () => {
    expect(reviewOutcome('approve', inReview(), [approve(ALICE)])).toBe('in_review');
    expect(reviewOutcome('approve', inReview(), [approve(ALICE), approve(BOB)])).toBe('approved');
    expect(reviewOutcome('approve', inReview({ requiredApprovals: 1 }), [approve(ALICE)])).toBe('approved');
  });

  it("never counts the author's own decision", () => {
    expect(approvalsCounted(inReview(), [approve(AUTHOR), approve(ALICE)])).toBe(1);
  });

  it('sends the document back to draft on a rejection, whatever the approvals', () => {
    const decisions: ReviewDecision[] = [
      approve(ALICE),
      approve(BOB),
      { userId: CAROL, version: 3, round: 1, decision: 'reject' },
    ];
    expect(reviewOutcome('reject', inReview(), decisions)).toBe('draft');
  });

  it('lists who may still approve: reviewers by role, not the author, not yet decided this round', () => {
    // Arrange
    const members = [
      { userId: CAROL, role: 'maintainer' as const },
      { userId: ALICE, role: 'developer' as const },
      { userId: BOB, role: 'developer' as const },
      { userId: 'user-viewer', role: 'viewer' as const },
      { userId: AUTHOR, role: 'owner' as const },
    ];

    // Act
    const pending = pendingApprovers(inReview(), members, [approve(ALICE), approve(BOB, 3, 0)]);

    // Assert
    expect(pending).toEqual([BOB, CAROL].sort());
    expect(pendingApprovers(inReview({ status: 'approved' }), members, [])).toEqual([]);
  });
});

describe('comment anchors', () => {
  const body = '# Payments\n\nIntro.\n\n## Acceptance criteria\n\n1. It pays.\n';
  const version2 = { body, version: 2, format: 'markdown' as const };

  it('accepts a heading by its text or its slug and refuses an unknown one', () => {
    expect(anchorProblem({ heading: 'Acceptance criteria' }, version2)).toBeNull();
    expect(anchorProblem({ heading: 'acceptance-criteria' }, version2)).toBeNull();
    const problem = anchorProblem({ heading: 'Refunds' }, version2);
    expect(problem?.path).toBe('body.anchor.heading');
    expect(formatText(problem!.message as never, 'en')).toBe('version 2 has no heading "Refunds"');
  });

  it('accepts line ranges within the body and refuses those past its end', () => {
    expect(lineCount(body)).toBe(7);
    expect(lineCount('')).toBe(0);
    expect(lineCount('a\r\nb')).toBe(2);
    expect(anchorProblem({ startLine: 1, endLine: 7 }, version2)).toBeNull();
    const problem = anchorProblem({ startLine: 5, endLine: 8 }, version2);
    expect(problem?.path).toBe('body.anchor.endLine');
    expect(formatText(problem!.message as never, 'en')).toContain('which has 7 lines');
  });

  it('finds no headings in an OpenAPI document, whose # lines are YAML comments, but accepts its lines', () => {
    const spec = {
      body: '# Payments API\nopenapi: 3.1.0\ninfo:\n  title: Payments\n',
      version: 1,
      format: 'openapi' as const,
    };
    expect(anchorProblem({ heading: 'Payments API' }, spec)?.path).toBe('body.anchor.heading');
    expect(anchorProblem({ startLine: 2, endLine: 4 }, spec)).toBeNull();
  });

  it('threads a reply to a reply into the same thread', () => {
    expect(threadRootId({ id: 'root', parentId: null })).toBe('root');
    expect(threadRootId({ id: 'reply', parentId: 'root' })).toBe('root');
  });
});

describe('mentions', () => {
  const members = [
    { userId: ALICE, name: 'Alice Martin', email: 'alice.m@example.com' },
    { userId: BOB, name: 'Bob', email: 'rob@example.com' },
    { userId: CAROL, name: '王芳', email: 'fang.wang@example.cn' },
  ];

  it('resolves full names (spaces and case included), email local parts and Chinese names', () => {
    expect(mentionedUserIds('@alice martin please check; cc @rob and @王芳。', members)).toEqual([ALICE, BOB, CAROL]);
    expect(mentionedUserIds('ping @Alice.M', members)).toEqual([ALICE]);
  });

  it('leaves unknown names, partial words and email addresses as text', () => {
    expect(mentionedUserIds('@Bobby and @nobody', members)).toEqual([]);
    expect(mentionedUserIds('write to alice.m@example.com', members)).toEqual([]);
  });

  it('records each member once, in order of first mention', () => {
    expect(mentionedUserIds('@Bob, @rob and @Bob again, then @Alice Martin', members)).toEqual([BOB, ALICE]);
  });
});
