import { registerCallback } from '#shared/deployments/callback-wait';
import {
  changeStage,
  type DeploymentRunInput,
  environmentOf,
  loadActiveDeployment,
} from '#shared/deployments/lifecycle';
import { targetVersion } from '#shared/deployments/rollback-rules';
import { payloadOf, postSigned, TargetRefused } from '#shared/deployments/run';
import { getEnvironmentSecret } from '#shared/environments/repository';
import type { DeployHookPayload } from '#shared/schemas/deployments';

// A deploy stage: the environment's deploy target is called with the version (the new one,
// or the previous one on rollback). With `waitForCallback` the deployer reports on the
// payload's callbackUrl when the rollout finished; health checks start only then.

export interface DeployInput extends DeploymentRunInput {
  index: number;
  rollback: boolean;
  /** Present when the state machine waits for the deployer's callback. */
  taskToken?: string;
}

/** Calls the environment's deploy target with `version` (the new one, or the previous on rollback). */
export async function deployVersion(input: DeployInput): Promise<{ version: string }> {
  let deployment = await loadActiveDeployment(input);
  const stageName = deployment.stages[input.index]?.name ?? 'deploy';
  const version = targetVersion(deployment, input.rollback);
  if (!version) throw new TargetRefused('There is no previous version to roll back to');
  const environment = await environmentOf(deployment);
  const waiting = input.taskToken !== undefined;
  if (!input.rollback) {
    deployment = await changeStage(
      deployment,
      input.index,
      { status: waiting ? 'waiting_for_callback' : 'running' },
      waiting ? 'waiting_for_callback' : 'running',
      { attempt: true },
    );
  }
  const callbackUrl =
    input.taskToken === undefined
      ? undefined
      : await registerCallback(deployment, {
          stageName,
          taskToken: input.taskToken,
          timeoutSeconds: environment.deployTarget.timeoutSeconds ?? 3_600,
          deployTarget: input.rollback ? 'rollback' : 'deploy',
        });
  const secret = await getEnvironmentSecret(deployment.projectId, deployment.environmentId);
  const payload: DeployHookPayload = {
    ...payloadOf(deployment, environment, stageName),
    version,
    ...(input.rollback ? { rollback: true as const } : {}),
    ...(callbackUrl ? { callbackUrl } : {}),
  };
  await postSigned(environment.deployTarget.url, payload, secret);
  return { version };
}
