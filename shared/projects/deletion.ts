import type { ProjectScope } from '#shared/auth/project-access';
import { projectNotFound } from '#shared/auth/project-access';
import { originOf, publishEvent } from '#shared/events/publisher';
import { deleteProjectAndMemberships } from '#shared/projects/repository';

// Apart from commands.ts: deleting sets no repository, so DeleteProject does not bundle the
// outbound URL policy (ipaddr.js, HTTP agents) that create and update check a repository URL with.

/** Deletes a project and its memberships. */
export async function deleteProject(scope: ProjectScope): Promise<void> {
  const { projectId, caller, project } = scope;
  if (!(await deleteProjectAndMemberships(project))) throw projectNotFound();
  await publishEvent('Project Deleted', projectId, { projectId, key: project.key }, originOf(caller));
}
