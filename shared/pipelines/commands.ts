import { ulid } from 'ulid';
import type { ProjectScope } from '#shared/auth/project-access';
import { encryptSecret } from '#shared/crypto/secrets';
import { publishEvent } from '#shared/events/publisher';
import { ConflictError, ValidationError } from '#shared/http/errors';
import * as m from '#shared/pipelines/messages';
import { requirePipeline, toPipelineView } from '#shared/pipelines/queries';
import {
  getPipelineSecrets,
  type PipelineRecord,
  pipelineSecretsContext,
  savePipelineVersion,
} from '#shared/pipelines/repository';
import { FIRST_PIPELINE_VERSION, nextPipelineVersion, splitStages } from '#shared/pipelines/versioning';
import type { Pipeline, PipelineBody, Stage } from '#shared/schemas/pipelines';
import { getTestSuite } from '#shared/testing/cases/suite-repository';

/** Creates a pipeline at version 1. */
export async function createPipeline(scope: ProjectScope, input: PipelineBody): Promise<Pipeline> {
  const { projectId, caller } = scope;
  const { stages, secrets } = splitStages(input.stages, {});
  await assertSuitesExist(projectId, stages);
  const now = new Date().toISOString();
  const pipeline: PipelineRecord = {
    pipelineId: ulid().toLowerCase(),
    projectId,
    name: input.name,
    description: input.description,
    version: FIRST_PIPELINE_VERSION,
    stages,
    createdBy: caller.auth.userId,
    createdAt: now,
    updatedAt: now,
  };
  if (!(await savePipelineVersion(pipeline, await sealedSecrets(pipeline, secrets)))) {
    throw new Error('Pipeline id collision');
  }
  await publishEvent(
    'Pipeline Created',
    projectId,
    { pipelineId: pipeline.pipelineId, name: pipeline.name },
    { actorId: scope.caller.auth.userId, correlationId: scope.caller.correlationId },
  );
  return toPipelineView(pipeline);
}

/**
 * Replaces a pipeline with a new version; running deployments keep theirs. A webhook stage
 * given without a secret keeps the secret its same-named stage had in the previous version.
 */
export async function replacePipeline(scope: ProjectScope, pipelineId: string, input: PipelineBody): Promise<Pipeline> {
  const { projectId } = scope;
  const current = await requirePipeline(projectId, pipelineId);
  const previousSecrets = await getPipelineSecrets(projectId, pipelineId, current.version);
  const { stages, secrets } = splitStages(input.stages, previousSecrets);
  await assertSuitesExist(projectId, stages);
  const next = nextPipelineVersion(current, input, stages, new Date().toISOString());
  if (!(await savePipelineVersion(next, await sealedSecrets(next, secrets)))) {
    throw new ConflictError('CONCURRENT_MODIFICATION', m.concurrentModification());
  }
  await publishEvent(
    'Pipeline Updated',
    projectId,
    { pipelineId, name: next.name, version: next.version },
    { actorId: scope.caller.auth.userId, correlationId: scope.caller.correlationId },
  );
  return toPipelineView(next);
}

/** A test stage's suite must be one of the project's (a run of a missing suite could only fail). */
async function assertSuitesExist(projectId: string, stages: readonly Stage[]): Promise<void> {
  const missing: { path: string; message: string }[] = [];
  await Promise.all(
    stages.map(async (stage, index) => {
      if (stage.type === 'test' && !(await getTestSuite(projectId, stage.suiteId))) {
        missing.push({ path: `body.stages.${index}.suiteId`, message: 'is not a test suite of this project' });
      }
    }),
  );
  if (missing.length > 0) throw new ValidationError(missing.sort((a, b) => a.path.localeCompare(b.path)));
}

/**
 * A version's webhook secrets sealed together for storage (one data key per version, see
 * `shared/crypto/envelope.ts`); undefined when no stage has one.
 */
async function sealedSecrets(pipeline: PipelineRecord, secrets: Record<string, string>) {
  if (Object.keys(secrets).length === 0) return undefined;
  const { projectId, pipelineId, version } = pipeline;
  return encryptSecret(JSON.stringify(secrets), pipelineSecretsContext(projectId, pipelineId, version));
}
