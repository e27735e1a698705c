import {
  changeStage,
  DeploymentNotFound,
  type DeploymentRunInput,
  environmentOf,
  loadActiveDeployment,
} from '#shared/deployments/lifecycle';
import { approvalRulesOf, gateKindOf } from '#shared/deployments/protection';
import { type DeploymentRecord, saveProgress } from '#shared/deployments/repository';
import { previousVersionAtStart } from '#shared/deployments/rollback-rules';
import { signatureHeaders } from '#shared/deployments/signing';
import type { EnvironmentRecord } from '#shared/environments/repository';
import { publishEvent } from '#shared/events/publisher';
import { OutboundRequestError, outboundClient } from '#shared/http/outbound';
import { getPipelineSecrets } from '#shared/pipelines/repository';
import type { StageWebhookPayload } from '#shared/schemas/deployments';

// The steps of a deployment run, one per state-machine task (functions/deployment-pipeline-tasks/).
// Each loads the deployment, checks it is still active (a cancel wins over a late task),
// does its one thing and records it.

/** Thrown for a webhook or deploy target that answered with an error: not retried. */
export class TargetRefused extends Error {
  override name = 'TargetRefused';
}
/** Thrown when the target could not be reached in time: retried by the state machine. */
export class TargetUnreachable extends Error {
  override name = 'TargetUnreachable';
}

/** First task: the deployment is running now. */
export async function beginRun(input: DeploymentRunInput): Promise<{ previousVersion: string | null }> {
  let deployment = await loadActiveDeployment(input);
  if (deployment.status === 'queued') {
    const environment = await environmentOf(deployment);
    deployment = {
      ...deployment,
      status: 'running',
      startedAt: new Date().toISOString(),
      previousVersion: previousVersionAtStart(environment),
    };
    await saveProgress(deployment, ['queued']);
    await publishEvent(
      'Deployment Started',
      deployment.projectId,
      { deploymentId: deployment.id, environmentId: deployment.environmentId, version: deployment.version },
      { actorId: deployment.createdBy, correlationId: deployment.id },
    );
  }
  return { previousVersion: deployment.previousVersion };
}

/** The next stage, always in full shape (the state machine's Choice reads every field). */
export interface StageCursor {
  done: boolean;
  index: number;
  type: 'webhook' | 'approval' | 'deploy' | 'test' | 'quality-gate' | 'wait' | 'none';
  name: string;
  waitForCallback: boolean;
  /** How long a wait (callback, approval) may last. */
  timeoutSeconds: number;
  /** Deploy stages: the health check's delay before its first probe. */
  initialDelaySeconds: number;
  /** Approvals and waits: the environment's wait timer that follows them. */
  waitSeconds: number;
}

/**
 * Which stage runs next: the first one still pending. A stage still `running` when the
 * next one is asked for has completed (deploy stages finish with their health checks).
 */
export async function nextStage(input: DeploymentRunInput): Promise<StageCursor> {
  let deployment = await loadActiveDeployment(input);
  const running = deployment.stages.findIndex((stage) => stage.status === 'running');
  if (running >= 0) deployment = await changeStage(deployment, running, { status: 'succeeded' }, 'running');
  const index = deployment.stages.findIndex((stage) => stage.status === 'pending');
  const stage = deployment.plan[index];
  const base = {
    done: false,
    index,
    waitForCallback: false,
    timeoutSeconds: 0,
    initialDelaySeconds: 0,
    waitSeconds: 0,
  };
  if (index < 0 || !stage) return { ...base, done: true, index: deployment.stages.length, type: 'none', name: '' };
  if (stage.type === 'webhook') {
    return {
      ...base,
      type: 'webhook',
      name: stage.name,
      waitForCallback: stage.waitForCallback,
      timeoutSeconds: stage.timeoutSeconds,
    };
  }
  if (stage.type === 'approval') {
    const environment = await environmentOf(deployment);
    const rules = approvalRulesOf(stage, gateKindOf(deployment, index), environment.protection);
    if (rules.requiredApprovals === 0) {
      // The environment's gate with a wait timer only: it runs while the state machine waits.
      const message = `wait timer ${rules.waitSeconds} s`;
      await changeStage(deployment, index, { status: 'running', message }, 'running', { attempt: true });
      return { ...base, type: 'wait', name: stage.name, waitSeconds: rules.waitSeconds };
    }
    const { timeoutSeconds, waitSeconds } = rules;
    return { ...base, type: 'approval', name: stage.name, timeoutSeconds, waitSeconds };
  }
  if (stage.type === 'deploy') {
    const { deployTarget, healthCheck } = await environmentOf(deployment);
    return {
      ...base,
      type: 'deploy',
      name: stage.name,
      waitForCallback: deployTarget.waitForCallback ?? false,
      timeoutSeconds: deployTarget.timeoutSeconds ?? 3_600,
      initialDelaySeconds: healthCheck?.initialDelaySeconds ?? 0,
    };
  }
  // A test or quality-gate stage: its own tasks read what they need from the plan.
  return { ...base, type: stage.type, name: stage.name };
}

/** A webhook stage that does not wait: POST the signed payload, succeed on 2xx. */
export async function runWebhook(input: DeploymentRunInput & { index: number }): Promise<void> {
  let deployment = await loadActiveDeployment(input);
  const stage = webhookPlan(deployment, input.index);
  deployment = await changeStage(deployment, input.index, { status: 'running' }, 'running', { attempt: true });
  const secrets = await getPipelineSecrets(deployment.projectId, deployment.pipelineId, deployment.pipelineVersion);
  const environment = await environmentOf(deployment);
  await postSigned(stage.url, payloadOf(deployment, environment, stage.name), secrets[stage.name]);
  await changeStage(deployment, input.index, { status: 'succeeded' }, 'running');
}

/** An approval stage: park the task token on the deployment and ask for approvals. */
export async function startApprovalWait(
  input: DeploymentRunInput & { index: number; taskToken: string },
): Promise<void> {
  const deployment = await loadActiveDeployment(input);
  const plan = deployment.plan[input.index];
  if (plan?.type !== 'approval') throw new DeploymentNotFound(`Stage ${input.index} is not an approval`);
  const environment = await environmentOf(deployment);
  const { requiredApprovals, approverRoles } = approvalRulesOf(
    plan,
    gateKindOf(deployment, input.index),
    environment.protection,
  );
  await changeStage(
    { ...deployment, approvalToken: input.taskToken },
    input.index,
    { status: 'waiting_for_approval', requiredApprovals, approvals: deployment.stages[input.index]?.approvals ?? [] },
    'waiting_for_approval',
    { attempt: true },
  );
  await publishEvent(
    'Approval Requested',
    deployment.projectId,
    { deploymentId: deployment.id, stage: plan.name, requiredApprovals, approverRoles },
    { actorId: deployment.createdBy, correlationId: deployment.id },
  );
}

export function webhookPlan(deployment: DeploymentRecord, index: number) {
  const plan = deployment.plan[index];
  if (plan?.type !== 'webhook') throw new DeploymentNotFound(`Stage ${index} is not a webhook`);
  return plan;
}

/** The body every outbound deployment hook carries (see shared/api/webhooks.ts). */
export function payloadOf(
  deployment: DeploymentRecord,
  environment: EnvironmentRecord,
  stage: string,
): StageWebhookPayload {
  return {
    deploymentId: deployment.id,
    projectId: deployment.projectId,
    environment: { id: environment.environmentId, name: environment.name, url: environment.url ?? null },
    version: deployment.version,
    ...(deployment.ref ? { ref: deployment.ref } : {}),
    stage,
    parameters: deployment.parameters ?? {},
  };
}

export async function postSigned(url: string, payload: unknown, secret: string | undefined): Promise<void> {
  const body = JSON.stringify(payload);
  const headers = { 'content-type': 'application/json', ...(secret ? signatureHeaders(body, secret) : {}) };
  let status: number;
  try {
    status = (await outboundClient.request(url, { method: 'POST', headers, body })).status;
  } catch (error) {
    if (error instanceof OutboundRequestError && (error.kind === 'timeout' || error.kind === 'network')) {
      throw new TargetUnreachable(`${new URL(url).host} could not be reached: ${error.message}`);
    }
    throw new TargetRefused(error instanceof Error ? error.message : String(error));
  }
  if (status < 200 || status > 299) throw new TargetRefused(`${new URL(url).host} answered ${status}`);
}
