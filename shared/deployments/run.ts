import {
  changeStage,
  DeploymentNotFound,
  environmentOf,
  loadActiveDeployment,
  type RunInput,
} from '#shared/deployments/lifecycle';
import { type DeploymentRecord, saveProgress } from '#shared/deployments/repository';
import { signatureHeaders } from '#shared/deployments/signing';
import type { EnvironmentRecord } from '#shared/environments/repository';
import { getEnvironmentSecret } from '#shared/environments/repository';
import { publishEvent } from '#shared/events/publisher';
import { OutboundRequestError, outboundClient } from '#shared/http/outbound';
import { getPipelineSecrets } from '#shared/pipelines/repository';

// The steps of a deployment run, one per state-machine task (functions/deployment-pipeline/).
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
export async function beginRun(input: RunInput): Promise<{ previousVersion: string | null }> {
  let deployment = await loadActiveDeployment(input);
  if (deployment.status === 'queued') {
    // The previous version is what the environment runs when this run starts (not when it
    // was queued): that is what a rollback must restore.
    const environment = await environmentOf(deployment);
    deployment = {
      ...deployment,
      status: 'running',
      startedAt: new Date().toISOString(),
      previousVersion: environment.currentVersion,
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
  type: 'webhook' | 'approval' | 'deploy' | 'test' | 'none';
  name: string;
  waitForCallback: boolean;
  /** How long a wait (callback, approval) may last. */
  timeoutSeconds: number;
}

/**
 * Which stage runs next: the first one still pending. A stage still `running` when the
 * next one is asked for has completed (deploy stages finish with their health checks).
 */
export async function nextStage(input: RunInput): Promise<StageCursor> {
  let deployment = await loadActiveDeployment(input);
  const running = deployment.stages.findIndex((stage) => stage.status === 'running');
  if (running >= 0) deployment = await changeStage(deployment, running, { status: 'succeeded' }, 'running');
  const index = deployment.stages.findIndex((stage) => stage.status === 'pending');
  const stage = deployment.plan[index];
  const base = { done: false, index, waitForCallback: false, timeoutSeconds: 0 };
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
    const timeoutSeconds = stage.timeoutSeconds ?? environment.protection?.approvalTimeoutSeconds ?? 86_400;
    return { ...base, type: 'approval', name: stage.name, timeoutSeconds };
  }
  if (stage.type === 'deploy') return { ...base, type: 'deploy', name: stage.name };
  return { ...base, type: 'test', name: stage.name };
}

/** A webhook stage that does not wait: POST the signed payload, succeed on 2xx. */
export async function runWebhook(input: RunInput & { index: number }): Promise<void> {
  let deployment = await loadActiveDeployment(input);
  const stage = webhookPlan(deployment, input.index);
  deployment = await changeStage(deployment, input.index, { status: 'running' }, 'running', { attempt: true });
  const secrets = await getPipelineSecrets(deployment.projectId, deployment.pipelineId, deployment.pipelineVersion);
  const environment = await environmentOf(deployment);
  await postSigned(stage.url, payloadOf(deployment, environment, stage.name), secrets[stage.name]);
  await changeStage(deployment, input.index, { status: 'succeeded' }, 'running');
}

/** An approval stage: park the task token on the deployment and ask for approvals. */
export async function startApprovalWait(input: RunInput & { index: number; taskToken: string }): Promise<void> {
  const deployment = await loadActiveDeployment(input);
  const plan = deployment.plan[input.index];
  if (plan?.type !== 'approval') throw new DeploymentNotFound(`Stage ${input.index} is not an approval`);
  const environment = await environmentOf(deployment);
  const requiredApprovals = plan.requiredApprovals ?? environment.protection?.requiredApprovals ?? 1;
  const approverRoles = plan.approverRoles ?? environment.protection?.approverRoles ?? ['owner', 'maintainer'];
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

/** Calls the environment's deploy target with `version` (the new one, or the previous on rollback). */
export async function deployVersion(
  input: RunInput & { index: number; rollback: boolean },
): Promise<{ version: string }> {
  let deployment = await loadActiveDeployment(input);
  const stageName = deployment.stages[input.index]?.name ?? 'deploy';
  const version = input.rollback ? deployment.previousVersion : deployment.version;
  if (!version) throw new TargetRefused('There is no previous version to roll back to');
  if (!input.rollback) {
    deployment = await changeStage(deployment, input.index, { status: 'running' }, 'running', { attempt: true });
  }
  const environment = await environmentOf(deployment);
  const secret = await getEnvironmentSecret(deployment.projectId, deployment.environmentId);
  await postSigned(
    environment.deployTarget.url,
    { ...payloadOf(deployment, environment, stageName), version, ...(input.rollback ? { rollback: true } : {}) },
    secret,
  );
  return { version };
}

export interface HealthResult {
  healthy: boolean;
  attempt: number;
  attemptsLeft: boolean;
  intervalSeconds: number;
  detail: string;
}

/** One health probe of the environment (healthy when there is nothing to probe). */
export async function checkHealth(input: RunInput & { attempt?: number }): Promise<HealthResult> {
  const deployment = await loadActiveDeployment(input);
  const environment = await environmentOf(deployment);
  const attempt = (input.attempt ?? 0) + 1;
  const check = environment.healthCheck;
  if (!check || !environment.url)
    return { healthy: true, attempt, attemptsLeft: false, intervalSeconds: 1, detail: 'no health check' };
  const url = new URL(check.path, environment.url).toString();
  let detail: string;
  let healthy = false;
  try {
    // Defence in depth for paths stored before they were validated as paths.
    if (new URL(url).origin !== new URL(environment.url).origin)
      throw new Error('the path leaves the environment host');
    const response = await outboundClient.request(url, { method: 'GET', timeoutMs: check.timeoutMs });
    healthy = response.status === check.expectedStatus;
    detail = `GET ${check.path} answered ${response.status}, expected ${check.expectedStatus}`;
  } catch (error) {
    detail = `GET ${check.path} failed: ${(error as Error).message}`;
  }
  return { healthy, attempt, attemptsLeft: attempt < check.attempts, intervalSeconds: check.intervalSeconds, detail };
}

export function webhookPlan(deployment: DeploymentRecord, index: number) {
  const plan = deployment.plan[index];
  if (plan?.type !== 'webhook') throw new DeploymentNotFound(`Stage ${index} is not a webhook`);
  return plan;
}

export function payloadOf(deployment: DeploymentRecord, environment: EnvironmentRecord, stage: string) {
  return {
    deploymentId: deployment.id,
    projectId: deployment.projectId,
    environment: { id: environment.environmentId, name: environment.name, url: environment.url ?? null },
    version: deployment.version,
    stage,
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
