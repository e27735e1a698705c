import { ulid } from 'ulid';
import type { ProjectScope } from '#shared/auth/project-access';
import { queueIndexMessage } from '#shared/search/queue';

/**
 * Queues a rebuild of the project's index. It goes through the project's FIFO group, behind
 * the changes already queued, so a rebuild and live updates never overwrite each other.
 */
export async function requestReindex(
  scope: ProjectScope,
): Promise<{ projectId: string; requestId: string; status: 'queued' }> {
  const requestId = ulid().toLowerCase();
  await queueIndexMessage({
    kind: 'rebuild',
    projectId: scope.projectId,
    requestId,
    requestedAt: new Date().toISOString(),
  });
  return { projectId: scope.projectId, requestId, status: 'queued' };
}
