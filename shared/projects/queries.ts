import type { Caller } from '#shared/auth/context';
import type { ProjectScope } from '#shared/auth/project-access';
import {
  listMemberships,
  listProjectsOfUser,
  type MembershipRecord,
  type ProjectRecord,
} from '#shared/projects/repository';
import type { PageQuery } from '#shared/schemas/common';
import type { Member, Project, ProjectRole } from '#shared/schemas/projects';
import { getUsers, type UserRecord } from '#shared/users/repository';

// Reads only: these need the table and nothing else, so read-only routes bundle no event
// publisher and need no EVENT_BUS_NAME (see test/infra/handler-init.test.ts).

export async function getProject(scope: ProjectScope): Promise<Project> {
  const { project, role } = scope;
  return toProjectView(project, role);
}

/** The caller's projects, a page at a time. */
export async function listMyProjects(page: PageQuery, caller: Caller) {
  const result = await listProjectsOfUser(caller.auth.userId, page);
  return {
    items: result.items.map(({ project, membership }) => toProjectView(project, membership.role)),
    nextCursor: result.nextCursor,
  };
}

export async function listMembers(scope: ProjectScope, page: PageQuery) {
  const { projectId } = scope;
  const result = await listMemberships(projectId, page);
  const users = await getUsers(result.items.map((membership) => membership.userId));
  return { items: result.items.map((membership) => toMemberView(membership, users)), nextCursor: result.nextCursor };
}

/** A project as the API shows it, with the caller's role. */
export function toProjectView(project: ProjectRecord, role: ProjectRole): Project {
  return {
    id: project.projectId,
    key: project.key,
    name: project.name,
    ...(project.description !== undefined ? { description: project.description } : {}),
    ...(project.repository !== undefined
      ? {
          repository: {
            url: project.repository.url,
            defaultBranch: project.repository.defaultBranch,
            tokenSet: project.repository.token !== undefined,
          },
        }
      : {}),
    ...(project.analysis !== undefined ? { analysis: project.analysis } : {}),
    createdBy: project.createdBy,
    createdAt: project.createdAt,
    updatedAt: project.updatedAt,
    version: project.version,
    role,
  };
}

/** A membership as the API shows it. */
export function toMemberView(membership: MembershipRecord, users: Map<string, UserRecord>): Member {
  return {
    projectId: membership.projectId,
    userId: membership.userId,
    name: users.get(membership.userId)?.name ?? '(unknown user)',
    role: membership.role,
    addedAt: membership.addedAt,
    updatedAt: membership.updatedAt,
  };
}
