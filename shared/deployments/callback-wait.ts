import { ulid } from 'ulid';
import { ENV, requireEnv } from '#shared/config/env';
import {
  changeStage,
  type DeploymentRunInput,
  environmentOf,
  loadActiveDeployment,
} from '#shared/deployments/lifecycle';
import { type DeploymentRecord, putCallback } from '#shared/deployments/repository';
import { payloadOf, postSigned, webhookPlan } from '#shared/deployments/run';
import { getPipelineSecrets } from '#shared/pipelines/repository';

/** Where external systems send callbacks: the API's public base URL. */
const publicApiUrl = requireEnv(ENV.publicApiUrl).replace(/\/+$/, '');

/**
 * A webhook stage that waits: register a callback for the task token, POST the payload
 * with its callbackUrl, and leave the wait to the state machine (the callback route ends it).
 */
export async function startCallbackWait(
  input: DeploymentRunInput & { index: number; taskToken: string },
): Promise<void> {
  let deployment = await loadActiveDeployment(input);
  const stage = webhookPlan(deployment, input.index);
  const callbackUrl = await registerCallback(deployment, {
    stageName: stage.name,
    taskToken: input.taskToken,
    timeoutSeconds: stage.timeoutSeconds,
  });
  deployment = await changeStage(deployment, input.index, { status: 'waiting_for_callback' }, 'waiting_for_callback', {
    attempt: true,
  });
  const secrets = await getPipelineSecrets(deployment.projectId, deployment.pipelineId, deployment.pipelineVersion);
  const environment = await environmentOf(deployment);
  await postSigned(stage.url, { ...payloadOf(deployment, environment, stage.name), callbackUrl }, secrets[stage.name]);
}

/**
 * Registers a callback that completes `taskToken` and answers its URL. A deploy target's
 * callback (`deployTarget`) is verified with the environment's secret, a stage's with the
 * stage's; one for a rollback leaves the stage's progress alone.
 */
export async function registerCallback(
  deployment: DeploymentRecord,
  wait: { stageName: string; taskToken: string; timeoutSeconds: number; deployTarget?: 'deploy' | 'rollback' },
): Promise<string> {
  const callbackId = ulid().toLowerCase();
  await putCallback({
    callbackId,
    projectId: deployment.projectId,
    deploymentId: deployment.id,
    stageName: wait.stageName,
    taskToken: wait.taskToken,
    ...(wait.deployTarget ? { deployTarget: wait.deployTarget } : {}),
    received: false,
    expiresAt: Math.floor(Date.now() / 1000) + wait.timeoutSeconds + 86_400,
  });
  return `${publicApiUrl}/v1/callbacks/${callbackId}`;
}
