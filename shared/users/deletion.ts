import type { Caller } from '#shared/auth/context';
import { publishEvent } from '#shared/events/publisher';
import { ConflictError, ForbiddenError, NotFoundError } from '#shared/http/errors';
import { deleteIdentity } from '#shared/identity/cognito';
import { deleteMembership, listAllProjectsOfUser } from '#shared/projects/repository';
import * as m from '#shared/users/messages';
import { deleteUserRecords, getUser } from '#shared/users/repository';

/**
 * Deletes a user (platform admins only): their memberships, their Cognito identity (so every
 * token they hold stops refreshing), then their profile and email, which can register again.
 * A project must never lose its last owner, so a user who is the only owner of a project is
 * refused with 409 naming those projects: make someone else owner (or delete the project) first.
 * Each step can be retried: a failure part-way leaves the profile, and DELETE again finishes.
 */
export async function deleteUserAccount(userId: string, caller: Caller): Promise<void> {
  if (!caller.auth.isAdmin) throw new ForbiddenError('ADMIN_REQUIRED', m.adminRequired());
  const user = await getUser(userId);
  if (!user) throw new NotFoundError('USER_NOT_FOUND', m.userNotFound());
  const memberships = await listAllProjectsOfUser(userId);
  const lastOwned = memberships.flatMap(({ membership, project }) =>
    membership.role === 'owner' && project && project.ownerCount <= 1 ? [project] : [],
  );
  if (lastOwned.length > 0) throw lastOwnerOf(lastOwned.map((project) => project.key));
  const origin = { actorId: caller.auth.userId, correlationId: caller.correlationId };
  for (const { membership } of memberships) {
    const outcome = await deleteMembership(membership.projectId, userId, membership.role);
    if (outcome === 'last-owner') throw lastOwnerOf([membership.projectId]);
    if (outcome === 'conflict') {
      throw new ConflictError('CONCURRENT_MODIFICATION', m.membershipChanged());
    }
    const { projectId, role } = membership;
    await publishEvent('Member Removed', projectId, { projectId, userId, role }, origin);
  }
  await deleteIdentity(user.email);
  await deleteUserRecords(user);
  const projectIds = memberships.map(({ membership }) => membership.projectId);
  await publishEvent('User Deleted', null, { userId, projectIds }, origin);
}

function lastOwnerOf(projects: readonly string[]): ConflictError {
  return new ConflictError('LAST_OWNER', m.lastOwner({ projects: projects.join(', ') }));
}
