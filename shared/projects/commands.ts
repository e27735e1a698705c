import { ulid } from 'ulid';
import type { Caller } from '#shared/auth/context';
import { type ProjectScope, projectNotFound } from '#shared/auth/project-access';
import { ENV } from '#shared/config/env';
import { type EventOrigin, publishEvent } from '#shared/events/publisher';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  PreconditionFailedError,
  ValidationError,
} from '#shared/http/errors';
import { assertOutboundUrl } from '#shared/http/outbound';
import { isAllowListed, parseAllowList } from '#shared/http/outbound-policy';
import { parseVersionTag } from '#shared/http/versioning';
import { localize } from '#shared/i18n/catalogue';
import { removalRefusal, roleChangeRefusal } from '#shared/projects/membership-rules';
import * as m from '#shared/projects/messages';
import { toMemberView, toProjectView } from '#shared/projects/queries';
import {
  deleteMembership,
  deleteProjectAndMemberships,
  getMembership,
  insertProject,
  type MembershipRecord,
  type ProjectRecord,
  type RepositorySetting,
  repositoryTokenContext,
  updateProjectFields,
  writeMembership,
} from '#shared/projects/repository';
import type { CreateProjectBody, Member, Project, ProjectRole, UpdateProjectBody } from '#shared/schemas/projects';
import { getUsers } from '#shared/users/repository';

const origin = (caller: Caller): EventOrigin => ({ actorId: caller.auth.userId, correlationId: caller.correlationId });

/** Creates a project with the caller as its owner; 409 when the key is taken. */
export async function createProject(input: CreateProjectBody, caller: Caller): Promise<Project> {
  const now = new Date().toISOString();
  const projectId = ulid().toLowerCase();
  const project: ProjectRecord = {
    projectId,
    key: input.key,
    name: input.name,
    description: input.description,
    repository: input.repository && (await storedRepository(projectId, input.repository, undefined)),
    createdBy: caller.auth.userId,
    createdAt: now,
    updatedAt: now,
    version: 1,
    ownerCount: 1,
  };
  const owner: MembershipRecord = {
    projectId: project.projectId,
    userId: caller.auth.userId,
    role: 'owner',
    addedAt: now,
    updatedAt: now,
  };
  if ((await insertProject(project, owner)) === 'key-taken') {
    throw new ConflictError('PROJECT_KEY_TAKEN', m.projectKeyTaken({ key: input.key }));
  }
  await publishEvent(
    'Project Created',
    project.projectId,
    { projectId: project.projectId, key: project.key, name: project.name },
    origin(caller),
  );
  return toProjectView(project, 'owner');
}

/**
 * Updates a project. With `If-Match: "<version>"` the update applies only to that version
 * (412 otherwise); without it, to the version just read (409 if someone else won the race).
 */
export async function updateProject(
  scope: ProjectScope,
  patch: UpdateProjectBody,
  ifMatch: string | undefined,
): Promise<Project> {
  const { projectId, caller, project, role } = scope;
  const expected = ifMatch === undefined ? project.version : parseVersionTag(ifMatch);
  const repository = patch.repository && (await storedRepository(projectId, patch.repository, project.repository));
  const updated = await updateProjectFields(projectId, expected, { ...patch, repository });
  if (!updated) {
    if (ifMatch !== undefined) {
      throw new PreconditionFailedError('VERSION_MISMATCH', m.versionMismatch());
    }
    throw new ConflictError('CONCURRENT_MODIFICATION', m.concurrentModification());
  }
  await publishEvent(
    'Project Updated',
    projectId,
    { projectId, changes: Object.keys(patch), version: updated.version },
    origin(caller),
  );
  return toProjectView(updated, role);
}

/**
 * The repository setting as stored: its URL checked against the outbound policy (https only in
 * AWS) and its token sealed. An omitted token keeps the stored one only while the URL is the
 * same, so a token is never sent to a repository it was not given for.
 */
async function storedRepository(
  projectId: string,
  input: { url: string; defaultBranch: string; token?: string | null },
  current: RepositorySetting | undefined,
): Promise<RepositorySetting> {
  const url = assertOutboundUrl(input.url, 'body.repository.url');
  // The fetch refuses plain http except to the stage's allow-list (loopback locally): say so now.
  if (url.protocol === 'http:' && !isAllowListed(parseAllowList(process.env[ENV.outboundAllowList]), url.hostname)) {
    throw new ValidationError([{ path: 'body.repository.url', message: localize(m.repositoryUrlHttps()) }]);
  }
  const setting: RepositorySetting = { url: input.url, defaultBranch: input.defaultBranch };
  if (typeof input.token === 'string') {
    // Loaded here, not at init: only the routes that store a token get the key's id and grant.
    const { encryptSecret } = await import('#shared/crypto/secrets');
    setting.token = await encryptSecret(input.token, repositoryTokenContext(projectId));
  } else if (input.token === undefined && current?.token !== undefined && current.url === input.url) {
    setting.token = current.token;
  }
  return setting;
}

export async function deleteProject(scope: ProjectScope): Promise<void> {
  const { projectId, caller, project } = scope;
  if (!(await deleteProjectAndMemberships(project))) throw projectNotFound();
  await publishEvent('Project Deleted', projectId, { projectId, key: project.key }, origin(caller));
}

/**
 * Changes a member's role. Maintainers manage members, but only owners grant the owner role
 * or change an owner's role; the last owner cannot be demoted. Nobody is added without their
 * consent: a user who is not a member answers 404 pointing at invitations.
 */
export async function changeMemberRole(scope: ProjectScope, userId: string, role: ProjectRole): Promise<Member> {
  const { projectId, caller } = scope;
  const [existing, users] = await Promise.all([getMembership(projectId, userId), getUsers([userId])]);
  if (!existing) {
    throw new NotFoundError('MEMBER_NOT_FOUND', m.notMemberInvite({ projectId }));
  }
  const refusal = roleChangeRefusal(scope.role, existing.role, role);
  if (refusal) throw new ForbiddenError(refusal.code, refusal.detail);
  if (existing.role === role) return toMemberView(existing, users);
  const membership: MembershipRecord = { ...existing, role, updatedAt: new Date().toISOString() };
  assertMembershipWritten(await writeMembership(membership, existing.role));
  await publishEvent(
    'Member Role Changed',
    projectId,
    { projectId, userId, from: existing.role, to: role },
    origin(caller),
  );
  return toMemberView(membership, users);
}

/**
 * Removes a member. Anyone may leave a project (the route's `permissionOnSelf`); removing
 * someone else needs `member:manage` (its `permission`), removing an owner needs an owner,
 * and the last owner can never be removed.
 */
export async function removeMember(scope: ProjectScope, userId: string): Promise<void> {
  const { projectId, caller } = scope;
  const leaving = userId === caller.auth.userId;
  const existing = await getMembership(projectId, userId);
  if (!existing) throw new NotFoundError('MEMBER_NOT_FOUND', m.memberNotFound());
  const refusal = removalRefusal(scope.role, existing.role, leaving);
  if (refusal) throw new ForbiddenError(refusal.code, refusal.detail);
  assertMembershipWritten(await deleteMembership(projectId, userId, existing.role));
  await publishEvent('Member Removed', projectId, { projectId, userId, role: existing.role }, origin(caller));
}

function assertMembershipWritten(outcome: 'ok' | 'conflict' | 'last-owner'): void {
  if (outcome === 'last-owner') {
    throw new ConflictError('LAST_OWNER', m.lastOwner());
  }
  if (outcome === 'conflict') {
    throw new ConflictError('CONCURRENT_MODIFICATION', m.membershipChanged());
  }
}
