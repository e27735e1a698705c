import * as z from 'zod/mini';
import { isStageDone } from '#shared/deployments/outcome-rules';
import { type DeploymentRecord, getDeployment, type StageProgress, saveProgress } from '#shared/deployments/repository';
import { getEnvironment } from '#shared/environments/repository';
import { publishEvent } from '#shared/events/publisher';
import type { DeploymentStatus } from '#shared/schemas/deployments';
import { DEPLOYMENT_STATUSES, TERMINAL_STATUSES } from '#shared/schemas/deployments';

/**
 * What a deployment run (the DeploymentPipeline machine) is started with and passes to every
 * task; the reconciler checks an ended run's input against the same schema.
 */
export const DeploymentRunInput = z.object({
  projectId: z.string().check(z.minLength(1)),
  deploymentId: z.string().check(z.minLength(1)),
});
export type DeploymentRunInput = z.infer<typeof DeploymentRunInput>;

/** Thrown when a run refers to a deployment that is gone; the state machine does not retry it. */
export class DeploymentNotFound extends Error {
  override name = 'DeploymentNotFound';
}

/** Thrown when the deployment was cancelled or finished meanwhile: the run just stops. */
export class DeploymentNotActive extends Error {
  override name = 'DeploymentNotActive';
}

export const ACTIVE: readonly DeploymentStatus[] = DEPLOYMENT_STATUSES.filter(
  (status) => !TERMINAL_STATUSES.has(status),
);

export const origin = (deployment: DeploymentRecord, correlationId = deployment.id) => ({
  actorId: deployment.createdBy,
  correlationId,
});

export async function loadDeployment(input: DeploymentRunInput): Promise<DeploymentRecord> {
  const deployment = await getDeployment(input.projectId, input.deploymentId);
  if (!deployment) throw new DeploymentNotFound(`Deployment ${input.deploymentId} does not exist`);
  return deployment;
}

/** Loads a deployment that must still be running (not cancelled or finished). */
export async function loadActiveDeployment(input: DeploymentRunInput): Promise<DeploymentRecord> {
  const deployment = await loadDeployment(input);
  if (TERMINAL_STATUSES.has(deployment.status)) {
    throw new DeploymentNotActive(`Deployment ${deployment.id} is ${deployment.status}`);
  }
  return deployment;
}

/** Writes new progress for a running deployment; a cancelled one stops the run instead. */
export async function saveActive(deployment: DeploymentRecord): Promise<void> {
  if (!(await saveProgress(deployment, ACTIVE))) {
    throw new DeploymentNotActive(`Deployment ${deployment.id} is no longer active`);
  }
}

/**
 * Changes one stage (and the deployment's status with it) and announces it. Stages are
 * addressed by index; `attempt` counts another try of the stage.
 */
export async function changeStage(
  deployment: DeploymentRecord,
  index: number,
  patch: Partial<StageProgress>,
  status: DeploymentStatus,
  options: { attempt?: boolean } = {},
): Promise<DeploymentRecord> {
  const current = deployment.stages[index];
  if (!current) throw new Error(`Deployment ${deployment.id} has no stage ${index}`);
  const now = new Date().toISOString();
  const stage: StageProgress = {
    ...current,
    ...patch,
    attempts: current.attempts + (options.attempt ? 1 : 0),
    ...(patch.status === 'running' && !current.startedAt ? { startedAt: now } : {}),
    ...(patch.status && isStageDone(patch.status) ? { endedAt: now } : {}),
  };
  const next: DeploymentRecord = {
    ...deployment,
    status,
    stages: deployment.stages.map((existing, position) => (position === index ? stage : existing)),
  };
  await saveActive(next);
  if (patch.status && patch.status !== current.status) {
    await publishEvent(
      'Deployment Stage Changed',
      deployment.projectId,
      { deploymentId: deployment.id, stage: stage.name, status: patch.status },
      origin(deployment),
    );
  }
  return next;
}

/** The environment a deployment targets (it cannot be deleted while locked). */
export async function environmentOf(deployment: DeploymentRecord) {
  const environment = await getEnvironment(deployment.projectId, deployment.environmentId);
  if (!environment) throw new DeploymentNotFound(`Environment ${deployment.environmentId} does not exist`);
  return environment;
}
