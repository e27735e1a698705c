import type { ProjectScope } from '#shared/auth/project-access';
import { NotFoundError } from '#shared/http/errors';
import * as m from '#shared/pipelines/messages';
import { getPipeline, listPipelines, type PipelineRecord } from '#shared/pipelines/repository';
import type { PageQuery } from '#shared/schemas/common';
import type { Pipeline } from '#shared/schemas/pipelines';

export async function getPipelineForCaller(scope: ProjectScope, pipelineId: string): Promise<Pipeline> {
  const { projectId } = scope;
  return toPipelineView(await requirePipeline(projectId, pipelineId));
}

export async function listPipelinesForCaller(scope: ProjectScope, page: PageQuery) {
  const { projectId } = scope;
  const result = await listPipelines(projectId, page);
  return { items: result.items.map(toPipelineView), nextCursor: result.nextCursor };
}

/** The pipeline's latest version or a 404 (also for another project's pipeline id). */
export async function requirePipeline(projectId: string, pipelineId: string): Promise<PipelineRecord> {
  const pipeline = await getPipeline(projectId, pipelineId);
  if (!pipeline) throw new NotFoundError('PIPELINE_NOT_FOUND', m.pipelineNotFound());
  return pipeline;
}

/** A pipeline as the API shows it (stored stages never hold secrets). */
export function toPipelineView(pipeline: PipelineRecord): Pipeline {
  return {
    id: pipeline.pipelineId,
    projectId: pipeline.projectId,
    name: pipeline.name,
    ...(pipeline.description !== undefined ? { description: pipeline.description } : {}),
    version: pipeline.version,
    stages: pipeline.stages,
    createdBy: pipeline.createdBy,
    createdAt: pipeline.createdAt,
    updatedAt: pipeline.updatedAt,
  };
}
