import { beforeAll, describe, expect, inject, it } from 'vitest';
import { api, pollUntil, readPublishedEvents, registerAndLogin, type TestUser } from '../support/client.ts';
import { addMember, createProject } from '../support/projects.ts';

// Reviews of design documents on the local stack: review rounds, approvals by role and never
// by a version's author, approvals of an older version ignored, rejection, the status moves
// made by hand, and comment threads with anchors, mentions, resolve and reopen.

const apiUrl = inject('apiUrl');
const dataDir = inject('dataDir');

const BODY = [
  '# Checkout',
  '',
  '## Flow',
  '',
  'The buyer pays.',
  '',
  '## Acceptance criteria',
  '',
  '1. It pays.',
  '',
].join('\n');

let projectId: string;
let owner: TestUser;
let author: TestUser;
let alice: TestUser;
let bob: TestUser;
let viewer: TestUser;

beforeAll(async () => {
  owner = await registerAndLogin(apiUrl, { name: 'Olga Owner' });
  projectId = await createProject(apiUrl, owner, 'Reviews', 'RV');
  const join = async (role: string, name: string) =>
    addMember(apiUrl, projectId, owner, role, await registerAndLogin(apiUrl, { name }));
  author = await join('developer', 'Ann Author');
  alice = await join('developer', 'Alice Liddell');
  bob = await join('maintainer', 'Bob');
  viewer = await join('viewer', 'Vic Viewer');
});

const documents = () => `/v1/projects/${projectId}/documents`;

async function createDocument(user = author): Promise<{ id: string; key: string }> {
  const created = await api(apiUrl, 'POST', documents(), {
    token: user.accessToken,
    body: { title: 'Checkout', type: 'requirement', format: 'markdown', body: BODY, tags: [] },
  });
  expect(created.status, created.text).toBe(201);
  return created.body as { id: string; key: string };
}

function post(user: TestUser, path: string, body?: unknown) {
  return api(apiUrl, 'POST', `${documents()}/${path}`, { token: user.accessToken, body });
}

async function documentStatus(documentId: string): Promise<string> {
  const document = await api(apiUrl, 'GET', `${documents()}/${documentId}`, { token: viewer.accessToken });
  expect(document.status, document.text).toBe(200);
  return document.body.status as string;
}

/** The events about a document, as `detail-type` plus data, once `count` of them were published. */
async function documentEvents(documentId: string, count: number) {
  return pollUntil(
    async () =>
      (await readPublishedEvents(dataDir))
        .filter((event) => event.source === 'trellis.documents' && event.detail.data?.documentId === documentId)
        .filter((event) => !['Document Created', 'Document Updated'].includes(event['detail-type']))
        .map((event) => ({ type: event['detail-type'], data: event.detail.data, actor: event.detail.actor?.userId })),
    (events) => events.length >= count,
    { description: `${count} review events of ${documentId}` },
  );
}

describe('document reviews', () => {
  it('approves a version with enough approvals from members by role, never its author, each once', async () => {
    // Arrange
    const document = await createDocument();

    // Act: a review by two members; the author, a viewer and a repeated approval are refused
    const requested = await post(author, `${document.key}/reviews`, {
      version: 1,
      reviewers: [alice.userId, bob.userId],
      requiredApprovals: 2,
    });
    const byAuthor = await post(author, `${document.id}/approvals`, { version: 1 });
    const byViewer = await post(viewer, `${document.id}/approvals`, { version: 1 });
    const first = await post(alice, `${document.id}/approvals`, { version: 1, comment: 'Clear.' });
    const again = await post(alice, `${document.id}/approvals`, { version: 1 });
    const statusAfterOne = await documentStatus(document.id);
    const second = await post(bob, `${document.id}/approvals`, { version: 1, decision: 'approve' });

    // Assert
    expect(requested.status, requested.text).toBe(200);
    expect(requested.body).toMatchObject({
      documentId: document.id,
      status: 'in_review',
      version: 1,
      versionCreatedBy: author.userId,
      round: 1,
      reviewers: [alice.userId, bob.userId],
      requiredApprovals: 2,
      approvals: 0,
      decisions: [],
    });
    expect([...requested.body.pendingApproverUserIds].sort()).toEqual([owner.userId, alice.userId, bob.userId].sort());
    expect([byAuthor.status, byAuthor.body.code]).toEqual([403, 'SELF_APPROVAL']);
    expect([byViewer.status, byViewer.body.code]).toEqual([403, 'INSUFFICIENT_ROLE']);
    expect(first.status, first.text).toBe(200);
    expect(first.body).toMatchObject({ status: 'in_review', approvals: 1 });
    expect(first.body.decisions).toEqual([
      { userId: alice.userId, decision: 'approve', comment: 'Clear.', decidedAt: expect.any(String) },
    ]);
    expect(first.body.pendingApproverUserIds).not.toContain(alice.userId);
    expect([again.status, again.body.code]).toEqual([409, 'ALREADY_DECIDED']);
    expect(statusAfterOne).toBe('in_review');
    expect(second.body).toMatchObject({ status: 'approved', approvals: 2, pendingApproverUserIds: [] });
    expect(await documentStatus(document.id)).toBe('approved');
    const events = await documentEvents(document.id, 5);
    expect(events).toEqual([
      {
        type: 'Document Review Requested',
        data: { documentId: document.id, version: 1, reviewers: [alice.userId, bob.userId], requiredApprovals: 2 },
        actor: author.userId,
      },
      {
        type: 'Document Status Changed',
        data: { documentId: document.id, version: 1, from: 'draft', to: 'in_review' },
        actor: author.userId,
      },
      {
        type: 'Document Approval Granted',
        data: { documentId: document.id, version: 1, userId: alice.userId, approvals: 1, requiredApprovals: 2 },
        actor: alice.userId,
      },
      {
        type: 'Document Approval Granted',
        data: { documentId: document.id, version: 1, userId: bob.userId, approvals: 2, requiredApprovals: 2 },
        actor: bob.userId,
      },
      {
        type: 'Document Status Changed',
        data: { documentId: document.id, version: 1, from: 'in_review', to: 'approved' },
        actor: bob.userId,
      },
    ]);
  });

  it('sends an approved document back to review on a new version, where approvals of the old one do not count', async () => {
    // Arrange: version 1 approved by Alice
    const document = await createDocument();
    await post(author, `${document.id}/reviews`, { version: 1, reviewers: [alice.userId] });
    expect((await post(alice, `${document.id}/approvals`, { version: 1 })).body.status).toBe('approved');

    // Act: Alice saves version 2 (she is its author now); the author of version 1 may review it
    const saved = await api(apiUrl, 'PUT', `${documents()}/${document.id}`, {
      token: alice.accessToken,
      headers: { 'if-match': '"1"' },
      body: { title: 'Checkout', body: `${BODY}2. It refunds.\n`, tags: [] },
    });
    const review = await api(apiUrl, 'GET', `${documents()}/${document.id}/reviews`, { token: viewer.accessToken });
    const staleApproval = await post(bob, `${document.id}/approvals`, { version: 1 });
    const selfApproval = await post(alice, `${document.id}/approvals`, { version: 2 });
    const approval = await post(author, `${document.id}/approvals`, { version: 2 });

    // Assert
    expect(saved.status, saved.text).toBe(200);
    expect(review.body).toMatchObject({
      status: 'in_review',
      version: 2,
      versionCreatedBy: alice.userId,
      approvals: 0,
      decisions: [],
    });
    expect(review.body.pendingApproverUserIds).toContain(author.userId);
    expect(review.body.pendingApproverUserIds).not.toContain(alice.userId);
    expect([staleApproval.status, staleApproval.body.code]).toEqual([409, 'DOCUMENT_VERSION_STALE']);
    expect(staleApproval.body.detail).toBe('Version 1 is not the latest: the document is at version 2.');
    expect([selfApproval.status, selfApproval.body.code]).toEqual([403, 'SELF_APPROVAL']);
    expect(approval.body).toMatchObject({ status: 'approved', version: 2, approvals: 1 });
  });

  it('counts approvals given at the same moment, so the document is approved once', async () => {
    // Arrange
    const document = await createDocument();
    await post(author, `${document.id}/reviews`, {
      version: 1,
      reviewers: [alice.userId, bob.userId],
      requiredApprovals: 2,
    });

    // Act
    const answers = await Promise.all(
      [alice, bob].map((user) => post(user, `${document.id}/approvals`, { version: 1 })),
    );

    // Assert
    expect(answers.map((answer) => answer.status)).toEqual([200, 200]);
    expect(await documentStatus(document.id)).toBe('approved');
    const moves = (await documentEvents(document.id, 5)).filter((event) => event.type === 'Document Status Changed');
    expect(moves.map((event) => event.data?.to)).toEqual(['in_review', 'approved']);
  });

  it('sends a rejected version back to draft; a new round lets the same member decide again', async () => {
    // Arrange
    const document = await createDocument();
    await post(author, `${document.id}/reviews`, { version: 1, reviewers: [alice.userId] });

    // Act
    const rejected = await post(alice, `${document.id}/approvals`, {
      version: 1,
      decision: 'reject',
      comment: 'Say what happens on a declined card.',
    });
    const secondRound = await post(author, `${document.id}/reviews`, { version: 1, reviewers: [alice.userId] });
    const approved = await post(alice, `${document.id}/approvals`, { version: 1 });

    // Assert
    expect(rejected.body).toMatchObject({ status: 'draft', round: 1, approvals: 0 });
    expect(rejected.body.decisions).toMatchObject([{ userId: alice.userId, decision: 'reject' }]);
    expect(secondRound.body).toMatchObject({ status: 'in_review', round: 2, decisions: [] });
    expect(approved.body).toMatchObject({ status: 'approved', round: 2, approvals: 1 });
    const moves = (await documentEvents(document.id, 7))
      .filter((event) => event.type === 'Document Status Changed')
      .map((event) => `${event.data?.from}→${event.data?.to}`);
    expect(moves).toEqual(['draft→in_review', 'in_review→draft', 'draft→in_review', 'in_review→approved']);
  });

  it('makes the moves by hand that the workflow allows and answers 409 naming from and to otherwise', async () => {
    // Arrange
    const document = await createDocument();
    const move = (status: string, version = 1) => post(bob, `${document.id}/status`, { version, status });

    // Act
    const draftToDraft = await move('draft');
    const retired = await move('obsolete');
    const reviewObsolete = await post(author, `${document.id}/reviews`, { version: 1, reviewers: [alice.userId] });
    const stale = await move('draft', 2);
    const revived = await move('draft');
    await post(author, `${document.id}/reviews`, { version: 1, reviewers: [alice.userId] });
    const withdrawn = await move('draft');

    // Assert
    expect([draftToDraft.status, draftToDraft.body.code]).toEqual([409, 'ILLEGAL_STATUS_TRANSITION']);
    expect(draftToDraft.body.detail).toBe('A document cannot move from draft to draft.');
    expect(retired.body).toMatchObject({ status: 'obsolete' });
    expect([reviewObsolete.status, reviewObsolete.body.detail]).toEqual([
      409,
      'A document cannot move from obsolete to in_review.',
    ]);
    expect([stale.status, stale.body.code]).toEqual([409, 'DOCUMENT_VERSION_STALE']);
    expect(revived.body).toMatchObject({ status: 'draft' });
    expect(withdrawn.body).toMatchObject({ status: 'draft' });
    expect(await documentStatus(document.id)).toBe('draft');
  });

  it('refuses reviewers who cannot review and more approvals than can be given, naming each, and changes nothing', async () => {
    // Arrange
    const document = await createDocument();
    const outsider = await registerAndLogin(apiUrl);

    // Act
    const refused = await post(author, `${document.id}/reviews`, {
      version: 1,
      reviewers: [alice.userId, viewer.userId, outsider.userId, author.userId],
      requiredApprovals: 4,
    });
    const chinese = await api(apiUrl, 'POST', `${documents()}/${document.id}/reviews`, {
      token: author.accessToken,
      headers: { 'accept-language': 'zh-CN' },
      body: { version: 1, reviewers: [viewer.userId] },
    });

    // Assert
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([
      { path: 'body.reviewers.1', message: `${viewer.userId} is a viewer and cannot review (at least developer)` },
      { path: 'body.reviewers.2', message: `${outsider.userId} is not a member of the project` },
      { path: 'body.reviewers.3', message: `${author.userId} wrote version 1 and cannot review it` },
      // the owner, Alice and Bob may approve; the author and the viewer may not
      { path: 'body.requiredApprovals', message: 'only 3 members may approve version 1' },
    ]);
    expect(chinese.body.errors[0].message).toMatch(/\p{Script=Han}/u);
    expect(await documentStatus(document.id)).toBe('draft');
  });

  it("answers 404 for another project's document", async () => {
    // Arrange
    const document = await createDocument();
    const stranger = await registerAndLogin(apiUrl);
    const otherProject = await createProject(apiUrl, stranger, 'Elsewhere', 'EL');

    // Act
    const review = await api(apiUrl, 'GET', `/v1/projects/${otherProject}/documents/${document.id}/reviews`, {
      token: stranger.accessToken,
    });
    const approval = await api(apiUrl, 'POST', `/v1/projects/${otherProject}/documents/${document.id}/approvals`, {
      token: stranger.accessToken,
      body: { version: 1 },
    });

    // Assert
    expect(review.status).toBe(404);
    expect(approval.status).toBe(404);
  });
});

describe('document comments', () => {
  it('threads comments on a version, anchored to its headings or lines, with the members they mention', async () => {
    // Arrange
    const document = await createDocument();
    const comments = `${document.id}/comments`;

    // Act
    const root = await post(bob, comments, { version: 1, body: 'Which card networks?', anchor: { heading: 'Flow' } });
    const reply = await post(alice, comments, {
      version: 1,
      parentId: root.body.id,
      body: `@Bob all of them; @${author.email.split('@')[0]} and @alice liddell to confirm, not @nobody`,
    });
    const replyToReply = await post(author, comments, { version: 1, parentId: reply.body.id, body: 'Confirmed.' });
    const lines = await post(alice, comments, { version: 1, body: 'Typo', anchor: { startLine: 5, endLine: 5 } });
    const listed = await api(apiUrl, 'GET', `${documents()}/${comments}?version=1`, { token: viewer.accessToken });

    // Assert
    expect(root.status, root.text).toBe(201);
    expect(root.body).toMatchObject({
      documentId: document.id,
      version: 1,
      parentId: null,
      anchor: { heading: 'Flow' },
      mentions: [],
      resolved: false,
      createdBy: bob.userId,
    });
    expect(reply.body).toMatchObject({ parentId: root.body.id, mentions: [bob.userId, author.userId, alice.userId] });
    expect(replyToReply.body.parentId).toBe(root.body.id);
    expect(lines.body.anchor).toEqual({ startLine: 5, endLine: 5 });
    expect(listed.body.items.map((comment: { id: string }) => comment.id)).toEqual([
      root.body.id,
      reply.body.id,
      replyToReply.body.id,
      lines.body.id,
    ]);
    const added = (await documentEvents(document.id, 4)).filter((event) => event.type === 'Document Comment Added');
    expect(added[1]?.data).toEqual({
      documentId: document.id,
      commentId: reply.body.id,
      version: 1,
      parentId: root.body.id,
      mentions: [bob.userId, author.userId, alice.userId],
    });
  });

  it('refuses anchors outside the version, replies on another version and unknown parents, naming the field', async () => {
    // Arrange
    const document = await createDocument();
    const comments = `${document.id}/comments`;
    const root = await post(bob, comments, { version: 1, body: 'Root' });
    const saved = await api(apiUrl, 'PUT', `${documents()}/${document.id}`, {
      token: author.accessToken,
      headers: { 'if-match': '"1"' },
      body: { title: 'Checkout', body: '# Checkout v2\n', tags: [] },
    });
    expect(saved.status, saved.text).toBe(200);

    // Act
    const heading = await post(bob, comments, { version: 2, body: 'x', anchor: { heading: 'Flow' } });
    const pastEnd = await post(bob, comments, { version: 2, body: 'x', anchor: { startLine: 1, endLine: 2 } });
    const backwards = await post(bob, comments, { version: 1, body: 'x', anchor: { startLine: 3, endLine: 2 } });
    const replyElsewhere = await post(bob, comments, { version: 2, body: 'x', parentId: root.body.id });
    const orphan = await post(bob, comments, { version: 1, body: 'x', parentId: '01jd000000000000000000000z' });
    const noVersion = await post(bob, comments, { version: 9, body: 'x' });
    const onOldVersion = await post(bob, comments, { version: 1, body: 'x', anchor: { heading: 'Flow' } });

    // Assert
    expect([heading.status, heading.body.errors]).toEqual([
      400,
      [{ path: 'body.anchor.heading', message: 'version 2 has no heading "Flow"' }],
    ]);
    expect([pastEnd.status, pastEnd.body.errors]).toEqual([
      400,
      [{ path: 'body.anchor.endLine', message: 'the lines must be within version 2, which has 1 line' }],
    ]);
    expect([backwards.status, backwards.body.errors?.[0]?.path]).toEqual([400, 'body.anchor.endLine']);
    expect([replyElsewhere.status, replyElsewhere.body.errors?.[0]?.path]).toEqual([400, 'body.version']);
    expect([orphan.status, orphan.body.errors?.[0]?.path]).toEqual([400, 'body.parentId']);
    expect(noVersion.status).toBe(404);
    expect(onOldVersion.status, onOldVersion.text).toBe(201);
  });

  it('resolves a whole thread from any of its comments and reopens it', async () => {
    // Arrange
    const document = await createDocument();
    const comments = `${document.id}/comments`;
    const root = await post(bob, comments, { version: 1, body: 'Root' });
    const reply = await post(alice, comments, { version: 1, body: 'Reply', parentId: root.body.id });

    // Act
    const resolved = await post(author, `${comments}/${reply.body.id}/resolve`);
    const listedResolved = await api(apiUrl, 'GET', `${documents()}/${comments}`, { token: viewer.accessToken });
    const reopened = await post(alice, `${comments}/${root.body.id}/reopen`);
    const listedOpen = await api(apiUrl, 'GET', `${documents()}/${comments}?limit=1`, { token: viewer.accessToken });
    const missing = await post(alice, `${comments}/01jd000000000000000000000z/resolve`);

    // Assert
    expect(resolved.body).toMatchObject({ id: root.body.id, resolved: true, resolvedBy: author.userId });
    expect(listedResolved.body.items.map((comment: { resolved: boolean }) => comment.resolved)).toEqual([true, true]);
    expect(reopened.body).toMatchObject({ id: root.body.id, resolved: false, resolvedBy: null });
    expect(listedOpen.body.items).toHaveLength(1);
    expect(listedOpen.body.nextCursor).toEqual(expect.any(String));
    const otherDocument = await createDocument();
    const foreignCursor = await api(
      apiUrl,
      'GET',
      `${documents()}/${otherDocument.id}/comments?cursor=${listedOpen.body.nextCursor}`,
      { token: viewer.accessToken },
    );
    expect([foreignCursor.status, foreignCursor.body.code]).toEqual([400, 'INVALID_CURSOR']);
    expect([missing.status, missing.body.code]).toEqual([404, 'COMMENT_NOT_FOUND']);
    const threadEvents = (await documentEvents(document.id, 4))
      .filter((event) => event.type !== 'Document Comment Added')
      .map((event) => [event.type, event.data?.commentId]);
    expect(threadEvents).toEqual([
      ['Document Comment Resolved', root.body.id],
      ['Document Comment Reopened', root.body.id],
    ]);
  });
});
