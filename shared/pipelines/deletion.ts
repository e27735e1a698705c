import type { ProjectScope } from '#shared/auth/project-access';
import { publishEvent } from '#shared/events/publisher';
import { requirePipeline } from '#shared/pipelines/queries';
import { deletePipelineRecord } from '#shared/pipelines/repository';

// Apart from commands.ts: deleting stores no secret, so its Lambda is not bound to the secrets key.

/** Removes a pipeline from lists; its versions stay for the deployments that ran them. */
export async function deletePipeline(scope: ProjectScope, pipelineId: string): Promise<void> {
  const { projectId } = scope;
  if (!(await deletePipelineRecord(projectId, pipelineId))) await requirePipeline(projectId, pipelineId);
  await publishEvent(
    'Pipeline Deleted',
    projectId,
    { pipelineId },
    { actorId: scope.caller.auth.userId, correlationId: scope.caller.correlationId },
  );
}
