import { authorizeProject } from '#shared/auth/project-access';
import { requirePipeline } from '#shared/pipelines/queries';
import { deletePipelineRecord } from '#shared/pipelines/repository';
import type { Caller } from '#shared/projects/queries';

// Apart from commands.ts: deleting stores no secret, so its Lambda is not bound to the secrets key.

/** Removes a pipeline from lists; its versions stay for the deployments that ran them. */
export async function deletePipeline(projectId: string, pipelineId: string, caller: Caller): Promise<void> {
  await authorizeProject(projectId, caller.auth, { resource: 'pipeline', action: 'manage' });
  if (!(await deletePipelineRecord(projectId, pipelineId))) await requirePipeline(projectId, pipelineId);
}
