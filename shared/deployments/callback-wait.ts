import { ulid } from 'ulid';
import { ENV, requireEnv } from '#shared/config/env';
import { changeStage, environmentOf, loadActiveDeployment, type RunInput } from '#shared/deployments/lifecycle';
import { putCallback } from '#shared/deployments/repository';
import { payloadOf, postSigned, webhookPlan } from '#shared/deployments/run';
import { getPipelineSecrets } from '#shared/pipelines/repository';

/** Where external systems send callbacks: the API's public base URL. */
const publicApiUrl = requireEnv(ENV.publicApiUrl).replace(/\/+$/, '');

/**
 * A webhook stage that waits: register a callback for the task token, POST the payload
 * with its callbackUrl, and leave the wait to the state machine (the callback route ends it).
 */
export async function startCallbackWait(input: RunInput & { index: number; taskToken: string }): Promise<void> {
  let deployment = await loadActiveDeployment(input);
  const stage = webhookPlan(deployment, input.index);
  const callbackId = ulid().toLowerCase();
  await putCallback({
    callbackId,
    projectId: deployment.projectId,
    deploymentId: deployment.id,
    stageName: stage.name,
    taskToken: input.taskToken,
    received: false,
    expiresAt: Math.floor(Date.now() / 1000) + stage.timeoutSeconds + 86_400,
  });
  deployment = await changeStage(deployment, input.index, { status: 'waiting_for_callback' }, 'waiting_for_callback', {
    attempt: true,
  });
  const secrets = await getPipelineSecrets(deployment.projectId, deployment.pipelineId, deployment.pipelineVersion);
  const environment = await environmentOf(deployment);
  await postSigned(
    stage.url,
    { ...payloadOf(deployment, environment, stage.name), callbackUrl: `${publicApiUrl}/v1/callbacks/${callbackId}` },
    secrets[stage.name],
  );
}
