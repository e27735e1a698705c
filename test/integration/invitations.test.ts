import { UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { api, pollUntil, readPublishedEvents, registerAndLogin, type TestUser } from '../support/client.ts';
import { localDynamoDB } from '../support/local-clients.ts';
import { addMember, createProject } from '../support/projects.ts';

const apiUrl = inject('apiUrl');
const dataDir = inject('dataDir');
const dynamodb = localDynamoDB();
afterAll(() => dynamodb.destroy());

interface Invitation {
  id: string;
  projectId: string;
  projectKey: string;
  email: string;
  role: string;
  expiresAt: string;
}

async function invite(projectId: string, inviter: TestUser, email: string, role: string) {
  return api(apiUrl, 'POST', `/v1/projects/${projectId}/invitations`, {
    token: inviter.accessToken,
    body: { email, role },
  });
}

async function myInvitations(user: TestUser): Promise<Invitation[]> {
  const response = await api(apiUrl, 'GET', '/v1/me/invitations', { token: user.accessToken });
  expect(response.status, response.text).toBe(200);
  return (response.body as { items: Invitation[] }).items;
}

async function memberIds(projectId: string, user: TestUser): Promise<string[]> {
  const response = await api(apiUrl, 'GET', `/v1/projects/${projectId}/members`, { token: user.accessToken });
  expect(response.status, response.text).toBe(200);
  return (response.body as { items: Array<{ userId: string }> }).items.map((member) => member.userId);
}

describe('project invitations', () => {
  it('lets the invitee see the invitation by email and accept it once, becoming a member with the role', async () => {
    // Prepare
    const [owner, invitee] = await Promise.all([registerAndLogin(apiUrl), registerAndLogin(apiUrl)]);
    const projectId = await createProject(apiUrl, owner, 'Invited', 'IN');

    // Act
    const created = await invite(projectId, owner, invitee.email.toUpperCase(), 'developer');

    // Assess
    expect(created.status, created.text).toBe(201);
    const invitation = created.body as Invitation;
    expect(invitation).toMatchObject({ projectId, email: invitee.email, role: 'developer' });
    const days = (Date.parse(invitation.expiresAt) - Date.now()) / 86_400_000;
    expect(Math.round(days)).toBe(7);
    expect(await memberIds(projectId, owner)).toEqual([owner.userId]);
    expect((await myInvitations(invitee)).map((item) => item.id)).toEqual([invitation.id]);
    const pending = await api(apiUrl, 'GET', `/v1/projects/${projectId}/invitations`, { token: owner.accessToken });
    expect(pending.body.items.map((item: Invitation) => item.id)).toEqual([invitation.id]);

    const accepted = await api(apiUrl, 'POST', `/v1/me/invitations/${invitation.id}/accept`, {
      token: invitee.accessToken,
    });
    expect(accepted.status, accepted.text).toBe(200);
    expect(accepted.body).toMatchObject({ projectId, userId: invitee.userId, role: 'developer', name: invitee.name });
    const asInvitee = await api(apiUrl, 'GET', `/v1/projects/${projectId}`, { token: invitee.accessToken });
    expect(asInvitee.body).toMatchObject({ role: 'developer' });
    expect(await myInvitations(invitee)).toEqual([]);

    const again = await api(apiUrl, 'POST', `/v1/me/invitations/${invitation.id}/accept`, {
      token: invitee.accessToken,
    });
    expect(again.status).toBe(404);
    expect(again.body).toMatchObject({ code: 'INVITATION_NOT_FOUND' });

    const events = await pollUntil(
      async () => (await readPublishedEvents(dataDir)).filter((event) => event.detail?.projectId === projectId),
      (found) => found.length >= 4,
    );
    expect(events.map((event) => event['detail-type'])).toEqual([
      'Project Created',
      'Invitation Created',
      'Invitation Accepted',
      'Member Added',
    ]);
  });

  it('reaches someone who registers after being invited', async () => {
    const owner = await registerAndLogin(apiUrl);
    const projectId = await createProject(apiUrl, owner, 'Early', 'EA');
    const email = `later-${Date.now()}-${Math.random().toString(36).slice(2)}@example.com`;
    expect((await invite(projectId, owner, email, 'viewer')).status).toBe(201);

    const newcomer = await registerAndLogin(apiUrl, { email });

    expect((await myInvitations(newcomer)).map((item) => item.projectId)).toEqual([projectId]);
  });

  it('lets the invitee decline: no membership, and the invitation is gone', async () => {
    const [owner, invitee] = await Promise.all([registerAndLogin(apiUrl), registerAndLogin(apiUrl)]);
    const projectId = await createProject(apiUrl, owner, 'Declined', 'DE');
    const { id } = (await invite(projectId, owner, invitee.email, 'maintainer')).body as Invitation;

    const declined = await api(apiUrl, 'POST', `/v1/me/invitations/${id}/decline`, { token: invitee.accessToken });

    expect(declined.status, declined.text).toBe(204);
    expect(await memberIds(projectId, owner)).toEqual([owner.userId]);
    expect(await myInvitations(invitee)).toEqual([]);
    const accept = await api(apiUrl, 'POST', `/v1/me/invitations/${id}/accept`, { token: invitee.accessToken });
    expect(accept.status).toBe(404);
  });

  it("answers 404 to anyone but the invitee, who cannot see or use someone else's invitation", async () => {
    const [owner, invitee, intruder] = await Promise.all([
      registerAndLogin(apiUrl),
      registerAndLogin(apiUrl),
      registerAndLogin(apiUrl),
    ]);
    const projectId = await createProject(apiUrl, owner, 'Private', 'PR');
    const { id } = (await invite(projectId, owner, invitee.email, 'owner')).body as Invitation;

    expect(await myInvitations(intruder)).toEqual([]);
    for (const action of ['accept', 'decline']) {
      const response = await api(apiUrl, 'POST', `/v1/me/invitations/${id}/${action}`, {
        token: intruder.accessToken,
      });
      expect(response.status, action).toBe(404);
    }
    expect((await api(apiUrl, 'GET', `/v1/projects/${projectId}`, { token: intruder.accessToken })).status).toBe(404);
    expect((await myInvitations(invitee)).map((item) => item.id)).toEqual([id]);
  });

  it('lets maintainers invite below owner only, and refuses duplicates and existing members with 409', async () => {
    const [owner, maintainer, invitee] = await Promise.all([
      registerAndLogin(apiUrl),
      registerAndLogin(apiUrl),
      registerAndLogin(apiUrl),
    ]);
    const projectId = await createProject(apiUrl, owner, 'Rules', 'RU');
    await addMember(apiUrl, projectId, owner, 'maintainer', maintainer);

    const asOwner = await invite(projectId, maintainer, invitee.email, 'owner');
    expect(asOwner.status).toBe(403);
    expect(asOwner.body).toMatchObject({ code: 'OWNER_REQUIRED' });
    expect((await invite(projectId, maintainer, invitee.email, 'developer')).status).toBe(201);
    const duplicate = await invite(projectId, owner, invitee.email, 'viewer');
    expect(duplicate.status).toBe(409);
    expect(duplicate.body).toMatchObject({ code: 'INVITATION_PENDING' });
    const member = await invite(projectId, owner, maintainer.email, 'viewer');
    expect(member.status).toBe(409);
    expect(member.body).toMatchObject({ code: 'ALREADY_MEMBER' });
  });

  it('lets a maintainer revoke an invitation, which then cannot be accepted', async () => {
    const [owner, invitee] = await Promise.all([registerAndLogin(apiUrl), registerAndLogin(apiUrl)]);
    const projectId = await createProject(apiUrl, owner, 'Revoked', 'RV');
    const { id } = (await invite(projectId, owner, invitee.email, 'viewer')).body as Invitation;

    const revoked = await api(apiUrl, 'DELETE', `/v1/projects/${projectId}/invitations/${id}`, {
      token: owner.accessToken,
    });

    expect(revoked.status, revoked.text).toBe(204);
    const accept = await api(apiUrl, 'POST', `/v1/me/invitations/${id}/accept`, { token: invitee.accessToken });
    expect(accept.status).toBe(404);
    expect(await memberIds(projectId, owner)).toEqual([owner.userId]);
  });

  it('treats an expired invitation as gone before TTL removes it', async () => {
    const [owner, invitee] = await Promise.all([registerAndLogin(apiUrl), registerAndLogin(apiUrl)]);
    const projectId = await createProject(apiUrl, owner, 'Expired', 'EX');
    const { id } = (await invite(projectId, owner, invitee.email, 'viewer')).body as Invitation;
    // Prepare: eight days later, as far as the stored invitation is concerned.
    await dynamodb.send(
      new UpdateItemCommand({
        TableName: inject('resources').tableName,
        Key: { PK: { S: `PROJECT#${projectId}` }, SK: { S: `INVITATION#${id}` } },
        UpdateExpression: 'SET expiresAt = :past',
        ExpressionAttributeValues: { ':past': { N: String(Math.floor(Date.now() / 1000) - 86_400) } },
      }),
    );

    expect(await myInvitations(invitee)).toEqual([]);
    const accept = await api(apiUrl, 'POST', `/v1/me/invitations/${id}/accept`, { token: invitee.accessToken });
    expect(accept.status).toBe(404);
    expect(await memberIds(projectId, owner)).toEqual([owner.userId]);
    // The email can be invited again.
    expect((await invite(projectId, owner, invitee.email, 'viewer')).status).toBe(201);
  });
});

describe('adding members without consent', () => {
  it('is gone: PUT .../members/{userId} for a non-member answers 404 pointing at invitations, and adds nobody', async () => {
    const [owner, stranger] = await Promise.all([registerAndLogin(apiUrl), registerAndLogin(apiUrl)]);
    const projectId = await createProject(apiUrl, owner, 'Consent', 'CO');

    const put = await api(apiUrl, 'PUT', `/v1/projects/${projectId}/members/${stranger.userId}`, {
      token: owner.accessToken,
      body: { role: 'viewer' },
    });

    expect(put.status).toBe(404);
    expect(put.body).toMatchObject({ code: 'MEMBER_NOT_FOUND' });
    expect((put.body as { detail: string }).detail).toContain(`/v1/projects/${projectId}/invitations`);
    expect(await memberIds(projectId, owner)).toEqual([owner.userId]);
    expect((await api(apiUrl, 'GET', `/v1/projects/${projectId}`, { token: stranger.accessToken })).status).toBe(404);
  });
});
