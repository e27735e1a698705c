import { ulid } from 'ulid';
import type { ProjectScope } from '#shared/auth/project-access';
import {
  completeTask,
  executionArnOf,
  failTask,
  startDeploymentExecution,
  stopDeploymentExecution,
} from '#shared/deployments/executions';
import { finishDeployment } from '#shared/deployments/finish';
import { changeStage, DeploymentNotActive } from '#shared/deployments/lifecycle';
import { afterQueued, lockedRefusal, queuesWhenBusy } from '#shared/deployments/lock-rules';
import * as m from '#shared/deployments/messages';
import {
  approvalOutcome,
  approvalRulesOf,
  approvalsGranted,
  approvedStageStatus,
  approverRefusal,
  gateKindOf,
  gatePlacement,
  needsGate,
  refAllowed,
  unapprovable,
} from '#shared/deployments/protection';
import {
  claimCallback,
  countQueuedDeployments,
  type DeploymentRecord,
  findIdempotentDeployment,
  getCallback,
  getDeployment,
  insertDeployment,
  listApprovals,
  lockHolder,
  putApproval,
  recordExecutionArn,
  takeLockFor,
} from '#shared/deployments/repository';
import { signatureProblem } from '#shared/deployments/signing';
import { requireEnvironment } from '#shared/environments/queries';
import { type EnvironmentRecord, getEnvironmentSecret } from '#shared/environments/repository';
import { publishEvent } from '#shared/events/publisher';
import { ConflictError, ForbiddenError, NotFoundError, UnauthorizedError } from '#shared/http/errors';
import { type Accepted, type IdempotentRequest, idempotentRequest, replayIdempotent } from '#shared/http/idempotency';
import { formatText, localize } from '#shared/i18n/catalogue';
import { storedText, textCause } from '#shared/i18n/stored';
import { logger } from '#shared/observability';
import { requirePipeline } from '#shared/pipelines/queries';
import { getPipelineSecrets } from '#shared/pipelines/repository';
import type { ApprovalBody, CallbackBody, CreateDeploymentBody, DeploymentStatus } from '#shared/schemas/deployments';
import { TERMINAL_STATUSES } from '#shared/schemas/deployments';
import type { Stage } from '#shared/schemas/pipelines';

/**
 * Queues a deployment and starts it when the environment is free. With `concurrency:
 * reject` a busy environment answers 409 and nothing is written; with `queue` the
 * deployment waits its turn, unless `maxQueued` already wait (409 DEPLOYMENT_QUEUE_FULL). An `Idempotency-Key` replays the first answer.
 */
export async function createDeployment(
  scope: ProjectScope,
  input: CreateDeploymentBody,
  idempotencyKey: string | undefined,
): Promise<Accepted<DeploymentStatus>> {
  const { projectId, caller } = scope;
  const idempotency = idempotentRequest(idempotencyKey, input, {
    callerId: caller.auth.userId,
    operation: 'CreateDeployment',
  });
  if (idempotency) {
    const replay = await replayOf(projectId, idempotency);
    if (replay) return replay;
  }
  const [pipeline, environment] = await Promise.all([
    requirePipeline(projectId, input.pipelineId),
    requireEnvironment(projectId, input.environmentId),
  ]);
  if (!refAllowed(input.ref, environment.protection?.allowedRefs)) {
    throw new ForbiddenError(
      'REF_NOT_ALLOWED',
      input.ref
        ? m.refNotAllowed({ ref: input.ref, environment: environment.name, allowedRefs: allowedRefsOf(environment) })
        : m.refMissingNotAllowed({ environment: environment.name, allowedRefs: allowedRefsOf(environment) }),
    );
  }
  const { plan, protectionGate } = planFor(pipeline.stages, environment);
  assertGateApprovable(plan, protectionGate, environment);
  const now = new Date().toISOString();
  const deployment: DeploymentRecord = {
    id: ulid().toLowerCase(),
    projectId,
    environmentId: environment.environmentId,
    pipelineId: pipeline.pipelineId,
    pipelineVersion: pipeline.version,
    version: input.version,
    ...(input.ref ? { ref: input.ref } : {}),
    previousVersion: environment.currentVersion,
    ...(input.parameters ? { parameters: input.parameters } : {}),
    status: 'queued',
    plan,
    ...(protectionGate ? { protectionGate } : {}),
    stages: plan.map((stage) => ({
      name: stage.name,
      type: stage.type,
      status: 'pending',
      attempts: 0,
    })),
    createdBy: caller.auth.userId,
    createdAt: now,
    updatedAt: now,
  };
  let outcome = await insertDeployment(deployment, { takeLock: true, idempotency });
  if (outcome === 'locked') {
    const queued = queuesWhenBusy(environment) ? await countQueuedDeployments(environment.environmentId) : 0;
    const refusal = lockedRefusal(environment, queued);
    if (refusal) throw new ConflictError(refusal.code, refusal.detail);
    outcome = await insertDeployment(deployment, { takeLock: false, idempotency });
  }
  if (outcome === 'duplicate') {
    const replay = await replayOf(projectId, idempotency!);
    if (replay) return replay;
  }
  await publishEvent(
    'Deployment Queued',
    projectId,
    { deploymentId: deployment.id, environmentId: deployment.environmentId, version: deployment.version },
    { actorId: caller.auth.userId, correlationId: caller.correlationId },
  );
  const next = afterQueued(await lockHolder(projectId, deployment.environmentId), deployment.id);
  if (next === 'start' || (next === 'take' && (await takeLockFor(deployment)))) await startRun(deployment);
  return { id: deployment.id, status: 'queued', replayed: false };
}

/** Cancels a queued or running deployment: the run stops, the lock is released. */
export async function cancelDeployment(scope: ProjectScope, deploymentId: string, reason: string | undefined) {
  const { projectId } = scope;
  const deployment = await requireDeployment(projectId, deploymentId);
  if (TERMINAL_STATUSES.has(deployment.status)) {
    throw new ConflictError('DEPLOYMENT_FINISHED', m.deploymentFinished({ status: deployment.status }));
  }
  const why = reason ?? storedText(m.cancelledByUser());
  const finished = await finishDeployment({ projectId, deploymentId }, 'cancelled', why);
  // A queued deployment has no run yet; a started one runs under its own name.
  const executionArn =
    deployment.executionArn ?? (deployment.status === 'queued' ? undefined : executionArnOf(deployment.id));
  if (executionArn) {
    try {
      // The execution's cause is for operators: English words.
      await stopDeploymentExecution(executionArn, reason ?? formatText(m.cancelledByUser(), 'en'));
    } catch (error) {
      // Already cancelled and unlocked: a run that cannot be stopped ends at its next task.
      logger.warn('Could not stop the deployment run', { deploymentId, error });
    }
  }
  return finished;
}

/**
 * Records an approval decision on the stage waiting for one. Only the stage's approvers
 * (roles or named users; the environment's for its gate) count, each once; the
 * deployment's creator may not approve when the environment prevents self-approval. One
 * rejection fails the stage.
 */
export async function decideApproval(scope: ProjectScope, deploymentId: string, body: ApprovalBody) {
  return whileActive(() => recordDecision(scope, deploymentId, body));
}

async function recordDecision(scope: ProjectScope, deploymentId: string, body: ApprovalBody) {
  const { projectId, caller } = scope;
  const deployment = await requireDeployment(projectId, deploymentId);
  const index = deployment.stages.findIndex((stage) => stage.status === 'waiting_for_approval');
  const stage = deployment.stages[index];
  const plan = deployment.plan[index];
  if (
    deployment.status !== 'waiting_for_approval' ||
    !stage ||
    plan?.type !== 'approval' ||
    !deployment.approvalToken
  ) {
    throw new ConflictError('NOT_WAITING_FOR_APPROVAL', m.notWaitingForApproval());
  }
  const environment = await requireEnvironment(projectId, deployment.environmentId);
  const rules = approvalRulesOf(plan, gateKindOf(deployment, index), environment.protection);
  const refusal = approverRefusal(rules, { userId: caller.auth.userId, role: scope.role }, deployment.createdBy);
  if (refusal) throw new ForbiddenError(refusal.code, refusal.detail);
  if (!(await putApproval(deployment, stage.name, caller.auth.userId, body.decision, body.comment))) {
    throw new ConflictError('ALREADY_DECIDED', m.alreadyDecided());
  }
  // Counted from the stored decisions, so approvers deciding at the same moment all count.
  const approvals = await listApprovals(deployment, stage.name);
  const granted = approvalsGranted(approvals);
  const outcome = approvalOutcome(body.decision, approvals, stage.requiredApprovals ?? rules.requiredApprovals);
  // The gate stays running through the environment's wait timer; NextStage ends it.
  const approved =
    rules.waitSeconds > 0 ? { message: storedText(m.approvedWaiting({ seconds: rules.waitSeconds })) } : {};
  const eventOrigin = { actorId: caller.auth.userId, correlationId: caller.correlationId };
  if (outcome === 'rejected') {
    await changeStage(
      deployment,
      index,
      { approvals, status: 'failed', failureReason: storedText(m.rejectedBy({ userId: caller.auth.userId })) },
      'running',
    );
    await publishEvent(
      'Approval Rejected',
      projectId,
      { deploymentId, stage: stage.name, userId: caller.auth.userId },
      eventOrigin,
    );
    await failTask(
      deployment.approvalToken,
      'ApprovalRejected',
      textCause(body.comment ? m.rejectedWith({ comment: body.comment }) : m.rejectedByApprover()),
    );
  } else if (outcome === 'approved') {
    await changeStage(
      { ...deployment, approvalToken: undefined },
      index,
      { approvals, status: approvedStageStatus(rules), ...approved },
      'running',
    );
    await publishEvent(
      'Approval Granted',
      projectId,
      { deploymentId, stage: stage.name, userId: caller.auth.userId, approvals: granted },
      eventOrigin,
    );
    await completeTask(deployment.approvalToken, { approvedBy: approvals.map((approval) => approval.userId) });
  } else {
    await changeStage(deployment, index, { approvals }, 'waiting_for_approval');
    await publishEvent(
      'Approval Granted',
      projectId,
      { deploymentId, stage: stage.name, userId: caller.auth.userId, approvals: granted },
      eventOrigin,
    );
  }
  return requireDeployment(projectId, deploymentId);
}

/**
 * An external system reports the outcome of a webhook stage (or a deployer the end of its
 * rollout, verified with the environment's deploy-target secret). The body must be signed with
 * the stage's secret over this callback's id and be fresh (401 otherwise, nothing changes);
 * a second report is 409.
 */
export async function receiveCallback(
  callbackId: string,
  body: CallbackBody,
  rawBody: string,
  headers: Readonly<Record<string, string | undefined>>,
): Promise<void> {
  return whileActive(() => recordCallback(callbackId, body, rawBody, headers));
}

async function recordCallback(
  callbackId: string,
  body: CallbackBody,
  rawBody: string,
  headers: Readonly<Record<string, string | undefined>>,
): Promise<void> {
  const callback = await getCallback(callbackId);
  if (!callback) throw new NotFoundError('CALLBACK_NOT_FOUND', m.callbackNotFound());
  const deployment = await getDeployment(callback.projectId, callback.deploymentId);
  if (!deployment) throw new NotFoundError('CALLBACK_NOT_FOUND', m.callbackNotFound());
  const secret = callback.deployTarget
    ? await getEnvironmentSecret(deployment.projectId, deployment.environmentId)
    : (await getPipelineSecrets(deployment.projectId, deployment.pipelineId, deployment.pipelineVersion))[
        callback.stageName
      ];
  const problem = secret ? signatureProblem(rawBody, headers, secret, Date.now(), callbackId) : null;
  if (!secret) throw new UnauthorizedError('INVALID_SIGNATURE', m.callbackNoSecret());
  if (problem) throw new UnauthorizedError('INVALID_SIGNATURE', m.callbackRefused({ reason: localize(problem) }));
  if (!(await claimCallback(callbackId))) {
    throw new ConflictError('CALLBACK_ALREADY_RECEIVED', m.callbackAlreadyReceived());
  }
  const index = deployment.stages.findIndex((stage) => stage.name === callback.stageName);
  // A rollback's report only ends the wait; the deployment records the rollback's outcome.
  if (index >= 0 && !TERMINAL_STATUSES.has(deployment.status) && callback.deployTarget !== 'rollback') {
    const succeeded = body.status === 'succeeded';
    // A deployed version still has its health checks to pass: the deploy stage keeps running.
    const done = callback.deployTarget === 'deploy' ? 'running' : 'succeeded';
    await changeStage(
      deployment,
      index,
      {
        status: succeeded ? done : 'failed',
        ...(body.logUrl ? { logUrl: body.logUrl } : {}),
        ...(body.message ? { message: body.message } : {}),
        ...(succeeded ? {} : { failureReason: body.message ?? storedText(m.externalFailure()) }),
      },
      'running',
    );
  }
  if (body.status === 'succeeded') await completeTask(callback.taskToken, { status: body.status });
  else await failTask(callback.taskToken, 'CallbackFailed', body.message ?? textCause(m.externalFailure()));
}

export async function requireDeployment(projectId: string, deploymentId: string): Promise<DeploymentRecord> {
  const deployment = await getDeployment(projectId, deploymentId);
  if (!deployment) throw new NotFoundError('DEPLOYMENT_NOT_FOUND', m.deploymentNotFound());
  return deployment;
}

async function startRun(deployment: DeploymentRecord): Promise<void> {
  try {
    const executionArn = await startDeploymentExecution(deployment.projectId, deployment.id);
    await recordExecutionArn(deployment, executionArn);
  } catch (error) {
    // A run that cannot start must not keep the environment locked.
    await finishDeployment(
      { projectId: deployment.projectId, deploymentId: deployment.id },
      'failed',
      'the run could not be started',
    );
    throw error;
  }
}

/** A deployment that ended while we were recording on it answers 409, not 500. */
async function whileActive<T>(action: () => Promise<T>): Promise<T> {
  try {
    return await action();
  } catch (error) {
    if (error instanceof DeploymentNotActive) {
      throw new ConflictError('DEPLOYMENT_FINISHED', m.finishedMeanwhile());
    }
    throw error;
  }
}

/**
 * The deployment's stages: the pipeline's, with the environment's protection gate (an
 * approval stage) inserted before the first deploy stage unless an approval stage serves.
 */
function planFor(stages: Stage[], environment: EnvironmentRecord) {
  if (!needsGate(environment.protection)) return { plan: stages, protectionGate: undefined };
  const gate = gatePlacement(stages);
  if (!gate.inserted) return { plan: stages, protectionGate: gate };
  const inserted: Stage = { type: 'approval', name: `environment/${environment.name}` };
  return { plan: [...stages.slice(0, gate.index), inserted, ...stages.slice(gate.index)], protectionGate: gate };
}

/**
 * A pipeline approval stage serving as the gate narrows the environment's approver roles; when
 * nobody is left (and no user is named), the deployment could only wait for its timeout.
 */
function assertGateApprovable(
  plan: readonly Stage[],
  gate: { index: number; inserted: boolean } | undefined,
  environment: EnvironmentRecord,
): void {
  const stage = gate ? plan[gate.index] : undefined;
  if (!gate || stage?.type !== 'approval') return;
  const rules = approvalRulesOf(stage, gate.inserted ? 'inserted' : 'stage', environment.protection);
  if (unapprovable(rules)) {
    throw new ConflictError(
      'APPROVAL_GATE_UNSATISFIABLE',
      m.approvalGateUnsatisfiable({
        stage: stage.name,
        stageRoles: stage.approverRoles?.join(', ') ?? '',
        environment: environment.name,
        environmentRoles: rules.approverRoles.join(', '),
      }),
    );
  }
}

async function replayOf(projectId: string, request: IdempotentRequest) {
  return replayIdempotent(request, await findIdempotentDeployment(projectId, request.key), (previous) =>
    requireDeployment(projectId, previous.deploymentId),
  );
}

/** The refs an environment allows, as a list for a refusal's text. */
function allowedRefsOf(environment: EnvironmentRecord): string {
  return environment.protection?.allowedRefs?.join(', ') ?? '';
}
