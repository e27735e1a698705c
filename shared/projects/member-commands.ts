import type { ProjectScope } from '#shared/auth/project-access';
import { originOf, publishEvent } from '#shared/events/publisher';
import { ConflictError, ForbiddenError, NotFoundError } from '#shared/http/errors';
import { removalRefusal, roleChangeRefusal } from '#shared/projects/membership-rules';
import * as m from '#shared/projects/messages';
import { toMemberView } from '#shared/projects/queries';
import { deleteMembership, getMembership, type MembershipRecord, writeMembership } from '#shared/projects/repository';
import type { Member, ProjectRole } from '#shared/schemas/projects';
import { getUsers } from '#shared/users/repository';

// Membership writes, apart from the project commands: PutMember and RemoveMember bundle only these.

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
    originOf(caller),
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
  await publishEvent('Member Removed', projectId, { projectId, userId, role: existing.role }, originOf(caller));
}

function assertMembershipWritten(outcome: 'ok' | 'conflict' | 'last-owner'): void {
  if (outcome === 'last-owner') {
    throw new ConflictError('LAST_OWNER', m.lastOwner());
  }
  if (outcome === 'conflict') {
    throw new ConflictError('CONCURRENT_MODIFICATION', m.membershipChanged());
  }
}
