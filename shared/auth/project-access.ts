import type { Caller } from '#shared/auth/context';
import * as m from '#shared/auth/messages';
import { minimumRole, type Permission, roleAtLeast } from '#shared/auth/permissions';
import { ForbiddenError, NotFoundError } from '#shared/http/errors';
import { getProjectWithMembership, type ProjectRecord } from '#shared/projects/repository';
import type { ProjectRole } from '#shared/schemas/projects';

declare const authorized: unique symbol;

/**
 * A project the caller was authorized for: what a project-scoped route's handler receives
 * from the handler kit and hands to the domain. Only `authorizeProject` makes one (the brand
 * keeps a hand-made object out), so domain code cannot be reached unauthorized.
 */
export interface ProjectScope {
  readonly projectId: string;
  readonly project: ProjectRecord;
  /** The caller's effective role (admins act as owners). */
  readonly role: ProjectRole;
  readonly caller: Caller;
  readonly [authorized]: true;
}

/**
 * The one authorization check of project-scoped routes (the handler kit runs it from the
 * route table). Someone who is not a member gets the same 404 as for a project that does not
 * exist; a member whose role is below the permission's minimum gets 403.
 */
export async function authorizeProject(
  projectId: string,
  caller: Caller,
  permission: Permission,
): Promise<ProjectScope> {
  const { project, membership } = await getProjectWithMembership(projectId, caller.auth.userId);
  const role: ProjectRole | undefined = caller.auth.isAdmin ? 'owner' : membership?.role;
  if (!project || !role) throw projectNotFound();
  const required = minimumRole(permission);
  if (!roleAtLeast(role, required)) {
    throw new ForbiddenError('INSUFFICIENT_ROLE', m.insufficientRole({ required, role }));
  }
  return { projectId, project, role, caller } as ProjectScope;
}

/** The 404 of a project that does not exist or that the caller is not a member of. */
export function projectNotFound(): NotFoundError {
  return new NotFoundError('PROJECT_NOT_FOUND', m.projectNotFound());
}
