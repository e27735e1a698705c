import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '#shared/data/client';
import { deleteIfExists, ITEM_ABSENT, ITEM_EXISTS, putIfAbsentItem, transact } from '#shared/data/conditional-writes';
import { type Page, type TransactItem, table } from '#shared/data/repository';
import { type MembershipRecord, membershipItem, ownerCountChange, projectKey } from '#shared/projects/repository';
import type { ProjectRole } from '#shared/schemas/projects';

/**
 * A pending invitation as stored: under its project (the project's list) and, through GSI1,
 * under the invited email (the invitee's list). `expiresAt` (epoch seconds) is the table's TTL
 * attribute; reads treat an invitation past it as gone before TTL removes it.
 */
export interface InvitationRecord {
  invitationId: string;
  projectId: string;
  /** The project's key and name when invited, for the invitee's list. */
  projectKey: string;
  projectName: string;
  email: string;
  role: ProjectRole;
  invitedBy: string;
  createdAt: string;
  expiresAt: number;
}

const invitationKey = (projectId: string, invitationId: string) => ({
  PK: `PROJECT#${projectId}`,
  SK: `INVITATION#${invitationId}`,
});
const inviteePartition = (email: string) => `INVITEE#${email}`;
const nowSeconds = () => Math.floor(Date.now() / 1000);

/** Stores a new invitation. */
export async function putInvitation(invitation: InvitationRecord): Promise<void> {
  await documentClient.send(
    new PutCommand({
      TableName: table.name,
      Item: {
        ...invitationKey(invitation.projectId, invitation.invitationId),
        GSI1PK: inviteePartition(invitation.email),
        GSI1SK: `INVITATION#${invitation.invitationId}`,
        type: 'Invitation',
        ...invitation,
      },
      ConditionExpression: ITEM_ABSENT,
    }),
  );
}

/** Whether the project has an unexpired invitation for this email. */
export async function hasPendingInvitation(projectId: string, email: string): Promise<boolean> {
  const items = await table.queryAll({
    KeyConditionExpression: 'PK = :pk AND begins_with(SK, :invitation)',
    FilterExpression: 'email = :email AND expiresAt > :now',
    ExpressionAttributeValues: {
      ':pk': `PROJECT#${projectId}`,
      ':invitation': 'INVITATION#',
      ':email': email,
      ':now': nowSeconds(),
    },
    ProjectionExpression: 'PK',
  });
  return items.length > 0;
}

/** A page of a project's unexpired invitations. */
export function listProjectInvitations(projectId: string, page: { limit: number; cursor?: string }) {
  return table.queryPage<InvitationRecord & Record<string, unknown>>(
    {
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :invitation)',
      FilterExpression: 'expiresAt > :now',
      ExpressionAttributeValues: { ':pk': `PROJECT#${projectId}`, ':invitation': 'INVITATION#', ':now': nowSeconds() },
    },
    page,
    { attributes: ['PK', 'SK'], partition: { PK: `PROJECT#${projectId}` } },
  );
}

/** A page of the unexpired invitations sent to an email (GSI1). */
export function listInvitationsForEmail(
  email: string,
  page: { limit: number; cursor?: string },
): Promise<Page<InvitationRecord & Record<string, unknown>>> {
  return table.queryPage(
    {
      IndexName: 'GSI1',
      KeyConditionExpression: 'GSI1PK = :invitee AND begins_with(GSI1SK, :invitation)',
      FilterExpression: 'expiresAt > :now',
      ExpressionAttributeValues: {
        ':invitee': inviteePartition(email),
        ':invitation': 'INVITATION#',
        ':now': nowSeconds(),
      },
    },
    page,
    { attributes: ['PK', 'SK', 'GSI1PK', 'GSI1SK'], partition: { GSI1PK: inviteePartition(email) } },
  );
}

/** The unexpired invitation with this id sent to this email, if any. */
export async function findInvitationForEmail(
  email: string,
  invitationId: string,
): Promise<InvitationRecord | undefined> {
  const items = await table.queryAll<InvitationRecord & Record<string, unknown>>({
    IndexName: 'GSI1',
    KeyConditionExpression: 'GSI1PK = :invitee AND GSI1SK = :invitation',
    ExpressionAttributeValues: { ':invitee': inviteePartition(email), ':invitation': `INVITATION#${invitationId}` },
  });
  return items.find((item) => item.expiresAt > nowSeconds());
}

/** Deletes an invitation (revoked or declined); false when it was already gone. */
export function deleteInvitation(projectId: string, invitationId: string): Promise<boolean> {
  return deleteIfExists(invitationKey(projectId, invitationId));
}

/**
 * Accepts an invitation in one transaction: the invitation is used up (it must still exist
 * and be unexpired, so it works once), the membership is created with the invited role, and
 * an owner raises `ownerCount`.
 */
export async function acceptInvitation(
  invitation: InvitationRecord,
  membership: MembershipRecord,
): Promise<'ok' | 'gone' | 'already-member' | 'project-gone'> {
  const items: TransactItem[] = [
    {
      Delete: {
        TableName: table.name,
        Key: invitationKey(invitation.projectId, invitation.invitationId),
        ConditionExpression: `${ITEM_EXISTS} AND expiresAt > :now`,
        ExpressionAttributeValues: { ':now': nowSeconds() },
      },
    },
    putIfAbsentItem(membershipItem(membership)),
    membership.role === 'owner'
      ? ownerCountChange(membership.projectId, 1)
      : {
          ConditionCheck: {
            TableName: table.name,
            Key: projectKey(membership.projectId),
            ConditionExpression: ITEM_EXISTS,
          },
        },
  ];
  const failed = await transact(items);
  return (['ok', 'gone', 'already-member', 'project-gone'] as const)[failed + 1] ?? 'project-gone';
}
