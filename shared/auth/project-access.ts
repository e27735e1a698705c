import type { AuthContext } from '#shared/auth/context';
import { minimumRole, type Permission, roleAtLeast } from '#shared/auth/permissions';
import { ForbiddenError, NotFoundError } from '#shared/http/errors';
import { getProjectWithMembership, type ProjectRecord } from '#shared/projects/repository';
import type { ProjectRole } from '#shared/schemas/projects';

export interface ProjectAccess {
  project: ProjectRecord;
  /** The caller's effective role (admins act as owners). */
  role: ProjectRole;
}

/**
 * The one authorization check of every project-scoped handler. Someone who is not a member
 * gets the same 404 as for a project that does not exist; a member whose role is below the
 * permission's minimum gets 403.
 */
export async function authorizeProject(
  projectId: string,
  auth: AuthContext,
  permission: Permission,
): Promise<ProjectAccess> {
  const { project, membership } = await getProjectWithMembership(projectId, auth.userId);
  const role: ProjectRole | undefined = auth.isAdmin ? 'owner' : membership?.role;
  if (!project || !role) throw projectNotFound();
  const required = minimumRole(permission);
  if (!roleAtLeast(role, required)) {
    throw new ForbiddenError(
      'INSUFFICIENT_ROLE',
      `This needs the ${required} role or higher in the project; you are ${role}.`,
    );
  }
  return { project, role };
}

export function projectNotFound(): NotFoundError {
  return new NotFoundError('PROJECT_NOT_FOUND', 'No such project, or you are not a member of it.');
}
