import type { EncryptedSecret, SecretContext } from '#shared/crypto/envelope';
import {
  ITEM_EXISTS,
  putIfAbsentItem,
  transact,
  updateAndGetIf,
  versionMatches,
} from '#shared/data/conditional-writes';
import { type Page, type TransactItem, table } from '#shared/data/repository';
import { ownerCountDelta } from '#shared/projects/membership-rules';
import type { ProjectRole } from '#shared/schemas/projects';
import { chunks } from '#shared/utils/batches';

/** A project as stored. `ownerCount` backs the "always one owner" invariant. */
export interface ProjectRecord {
  projectId: string;
  key: string;
  name: string;
  description?: string;
  repository?: RepositorySetting;
  /** Code-analysis settings (`analysis.exclude` globs). */
  analysis?: { exclude: string[] };
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  version: number;
  ownerCount: number;
}

/** The project's git repository as stored; its access token sealed (`repositoryTokenContext`). */
export interface RepositorySetting {
  url: string;
  defaultBranch: string;
  token?: EncryptedSecret;
}

/** What the repository token is sealed to: KMS and GCM refuse it under any other project. */
export function repositoryTokenContext(projectId: string): SecretContext {
  return { projectId, resource: 'project/repository-token' };
}

/** A membership as stored; GSI1 lists a user's projects. */
export interface MembershipRecord {
  projectId: string;
  userId: string;
  role: ProjectRole;
  addedAt: string;
  updatedAt: string;
}

export const projectKey = (projectId: string) => ({ PK: `PROJECT#${projectId}`, SK: 'PROJECT' });
const projectKeyReservation = (key: string) => ({ PK: `PROJECTKEY#${key}`, SK: 'PROJECTKEY' });
const membershipKey = (projectId: string, userId: string) => ({ PK: `PROJECT#${projectId}`, SK: `MEMBER#${userId}` });

/** A membership as stored, with its GSI1 keys. */
export function membershipItem(membership: MembershipRecord) {
  return {
    ...membershipKey(membership.projectId, membership.userId),
    GSI1PK: `USER#${membership.userId}`,
    GSI1SK: `PROJECT#${membership.projectId}`,
    type: 'Membership',
    ...membership,
  };
}

/** Reads a project and one user's membership of it in a single round trip. */
export async function getProjectWithMembership(
  projectId: string,
  userId: string,
): Promise<{ project?: ProjectRecord; membership?: MembershipRecord }> {
  const items = await table.batchGet<Record<string, unknown>>([
    projectKey(projectId),
    membershipKey(projectId, userId),
  ]);
  return {
    project: items.find((item) => item.SK === 'PROJECT') as ProjectRecord | undefined,
    membership: items.find((item) => item.SK !== 'PROJECT') as MembershipRecord | undefined,
  };
}

/** Reads a project record; undefined when there is none. */
export async function getProjectRecord(projectId: string): Promise<ProjectRecord | undefined> {
  const { PK, SK } = projectKey(projectId);
  return table.get<ProjectRecord & Record<string, unknown>>(PK, SK);
}

export async function getMembership(projectId: string, userId: string): Promise<MembershipRecord | undefined> {
  const key = membershipKey(projectId, userId);
  return table.get<MembershipRecord & Record<string, unknown>>(key.PK, key.SK);
}

/** Creates the project, reserves its key and makes the creator owner, atomically. */
export async function insertProject(project: ProjectRecord, owner: MembershipRecord): Promise<'created' | 'key-taken'> {
  const failed = await transact([
    putIfAbsentItem({
      ...projectKeyReservation(project.key),
      type: 'ProjectKeyReservation',
      projectId: project.projectId,
    }),
    putIfAbsentItem({ ...projectKey(project.projectId), type: 'Project', ...project }),
    { Put: { TableName: table.name, Item: membershipItem(owner) } },
  ]);
  if (failed === 0) return 'key-taken';
  if (failed > 0) throw new Error('Project id collision');
  return 'created';
}

/** Applies a patch if the stored version is `expectedVersion`; undefined on a version mismatch. */
export async function updateProjectFields(
  projectId: string,
  expectedVersion: number,
  patch: {
    name?: string;
    description?: string | null;
    repository?: ProjectRecord['repository'] | null;
    analysis?: ProjectRecord['analysis'] | null;
  },
): Promise<ProjectRecord | undefined> {
  const names: Record<string, string> = { '#version': 'version', '#updatedAt': 'updatedAt' };
  const values: Record<string, unknown> = { ':expected': expectedVersion, ':one': 1, ':now': new Date().toISOString() };
  const sets = ['#updatedAt = :now', '#version = #version + :one'];
  const removes: string[] = [];
  for (const [field, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    names[`#${field}`] = field;
    if (value === null) {
      removes.push(`#${field}`);
    } else {
      values[`:${field}`] = value;
      sets.push(`#${field} = :${field}`);
    }
  }
  const updated = await updateAndGetIf({
    Key: projectKey(projectId),
    UpdateExpression: `SET ${sets.join(', ')}${removes.length ? ` REMOVE ${removes.join(', ')}` : ''}`,
    ConditionExpression: versionMatches(expectedVersion).ConditionExpression,
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
  });
  return updated as ProjectRecord | undefined;
}

/** Deletes the project and its key reservation atomically, then its memberships. */
export async function deleteProjectAndMemberships(project: ProjectRecord): Promise<boolean> {
  const failed = await transact([
    { Delete: { TableName: table.name, Key: projectKey(project.projectId), ConditionExpression: ITEM_EXISTS } },
    {
      Delete: {
        TableName: table.name,
        Key: projectKeyReservation(project.key),
        ConditionExpression: 'projectId = :projectId',
        ExpressionAttributeValues: { ':projectId': project.projectId },
      },
    },
  ]);
  if (failed >= 0) return false;
  // Memberships of a deleted project are invisible (every read checks the project first);
  // removing them keeps members' project lists clean.
  const memberships = await table.queryAll<Record<string, unknown>>({
    KeyConditionExpression: 'PK = :pk AND begins_with(SK, :member)',
    ExpressionAttributeValues: { ':pk': `PROJECT#${project.projectId}`, ':member': 'MEMBER#' },
    ProjectionExpression: 'PK, SK',
  });
  await table.batchWrite(
    memberships.map((item) => ({ DeleteRequest: { Key: { PK: item.PK as string, SK: item.SK as string } } })),
  );
  return true;
}

/** A page of a project's memberships. */
export function listMemberships(projectId: string, page: { limit: number; cursor?: string }) {
  return table.queryPage<MembershipRecord & Record<string, unknown>>(
    {
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :member)',
      ExpressionAttributeValues: { ':pk': `PROJECT#${projectId}`, ':member': 'MEMBER#' },
    },
    page,
    { attributes: ['PK', 'SK'], partition: { PK: `PROJECT#${projectId}` } },
  );
}

/** A page of a user's memberships (GSI1), with the projects they point to. */
export async function listProjectsOfUser(
  userId: string,
  page: { limit: number; cursor?: string },
): Promise<Page<{ project: ProjectRecord; membership: MembershipRecord }>> {
  const memberships = await table.queryPage<MembershipRecord & Record<string, unknown>>(
    {
      IndexName: 'GSI1',
      KeyConditionExpression: 'GSI1PK = :user AND begins_with(GSI1SK, :project)',
      ExpressionAttributeValues: { ':user': `USER#${userId}`, ':project': 'PROJECT#' },
    },
    page,
    { attributes: ['PK', 'SK', 'GSI1PK', 'GSI1SK'], partition: { GSI1PK: `USER#${userId}` } },
  );
  const byId = await projectsById(memberships.items.map((membership) => membership.projectId));
  const items = memberships.items.flatMap((membership) => {
    const project = byId.get(membership.projectId);
    return project ? [{ project, membership }] : [];
  });
  return { items, nextCursor: memberships.nextCursor };
}

/** Projects by id, 100 keys per BatchGet; missing ones are left out. */
async function projectsById(projectIds: readonly string[]): Promise<Map<string, ProjectRecord>> {
  const byId = new Map<string, ProjectRecord>();
  for (const ids of chunks(projectIds, 100)) {
    const projects = await table.batchGet<ProjectRecord & Record<string, unknown>>(ids.map(projectKey));
    for (const project of projects) byId.set(project.projectId, project);
  }
  return byId;
}

/** Every membership of a user, with the project each points to (undefined once it is gone). */
export async function listAllProjectsOfUser(
  userId: string,
): Promise<Array<{ membership: MembershipRecord; project?: ProjectRecord }>> {
  const memberships = await table.queryAll<MembershipRecord & Record<string, unknown>>({
    IndexName: 'GSI1',
    KeyConditionExpression: 'GSI1PK = :user AND begins_with(GSI1SK, :project)',
    ExpressionAttributeValues: { ':user': `USER#${userId}`, ':project': 'PROJECT#' },
  });
  const byId = await projectsById(memberships.map((membership) => membership.projectId));
  return memberships.map((membership) => ({ membership, project: byId.get(membership.projectId) }));
}

/**
 * Changes a member's role, keeping `ownerCount` in step. `previous` is the role the caller
 * saw; the write fails if it changed meanwhile, and a change that would leave no owner fails
 * on the `ownerCount > 1` condition. (Memberships are created by accepting an invitation.)
 */
export async function writeMembership(
  membership: MembershipRecord,
  previous: ProjectRole,
): Promise<'ok' | 'conflict' | 'last-owner'> {
  const items: TransactItem[] = [
    {
      Put: {
        TableName: table.name,
        Item: membershipItem(membership),
        ConditionExpression: '#role = :previous',
        ExpressionAttributeNames: { '#role': 'role' },
        ExpressionAttributeValues: { ':previous': previous },
      },
    },
  ];
  const delta = ownerCountDelta(previous, membership.role);
  if (delta !== 0) items.push(ownerCountChange(membership.projectId, delta));
  return transactMembership(items);
}

/** Removes a member (whose role must still be `role`), keeping `ownerCount` in step. */
export async function deleteMembership(
  projectId: string,
  userId: string,
  role: ProjectRole,
): Promise<'ok' | 'conflict' | 'last-owner'> {
  const items: TransactItem[] = [
    {
      Delete: {
        TableName: table.name,
        Key: membershipKey(projectId, userId),
        ConditionExpression: '#role = :role',
        ExpressionAttributeNames: { '#role': 'role' },
        ExpressionAttributeValues: { ':role': role },
      },
    },
  ];
  const delta = ownerCountDelta(role, undefined);
  if (delta !== 0) items.push(ownerCountChange(projectId, delta));
  return transactMembership(items);
}

/** Moves the project's `ownerCount` by `delta` in a transaction; never below one owner. */
export function ownerCountChange(projectId: string, delta: number): TransactItem {
  return {
    Update: {
      TableName: table.name,
      Key: projectKey(projectId),
      UpdateExpression: 'SET ownerCount = ownerCount + :delta',
      // Losing an owner is only allowed while another owner remains.
      ConditionExpression: delta < 0 ? `${ITEM_EXISTS} AND ownerCount > :one` : ITEM_EXISTS,
      ExpressionAttributeValues: delta < 0 ? { ':delta': delta, ':one': 1 } : { ':delta': delta },
    },
  };
}

async function transactMembership(items: TransactItem[]): Promise<'ok' | 'conflict' | 'last-owner'> {
  const failed = await transact(items);
  if (failed < 0) return 'ok';
  return failed === 1 ? 'last-owner' : 'conflict';
}
