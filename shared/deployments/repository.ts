import { QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '#shared/data/client';
import { ITEM_EXISTS, putIfAbsentItem, transact, updateIf } from '#shared/data/conditional-writes';
import { type Page, recordOf, type TransactItem, table } from '#shared/data/repository';
import { nextInQueue } from '#shared/deployments/lock-rules';
import { environmentLockKey } from '#shared/environments/repository';
import type { RecordedText } from '#shared/i18n/stored';
import type { DeploymentStage, DeploymentStatus } from '#shared/schemas/deployments';
import type { Stage } from '#shared/schemas/pipelines';

/**
 * A stage's progress as stored. A test stage's run is stored as `testRunId`; the API names it
 * `runId` (queries.ts maps it), and stored attribute names do not change with the API.
 */
/** A stage as stored: its note and failure reason are worded when read (shared/deployments/reason-texts.ts). */
export type StageProgress = Omit<DeploymentStage, 'runId' | 'message' | 'failureReason'> & {
  testRunId?: string;
  message?: RecordedText;
  failureReason?: RecordedText;
};

/** A deployment as stored: the pipeline version's stages are copied in, so the run keeps them. */
export interface DeploymentRecord {
  id: string;
  projectId: string;
  environmentId: string;
  pipelineId: string;
  pipelineVersion: number;
  version: string;
  /** The branch or tag it comes from. */
  ref?: string;
  previousVersion: string | null;
  parameters?: Record<string, string>;
  status: DeploymentStatus;
  /** The approval stage that is the environment's protection gate (see protection.ts). */
  protectionGate?: { index: number; inserted: boolean };
  /** The pipeline stages as defined (for the state machine), in order. */
  plan: Stage[];
  /** Their progress, same order. */
  stages: StageProgress[];
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  startedAt?: string;
  endedAt?: string;
  failureReason?: RecordedText;
  executionArn?: string;
  /** The task token of the approval stage waiting right now. */
  approvalToken?: string;
}

/** A pending external callback: the task token it completes and where it belongs. */
export interface CallbackRecord {
  callbackId: string;
  projectId: string;
  deploymentId: string;
  stageName: string;
  taskToken: string;
  /** Set for the environment's deploy target (verified with its secret), not a webhook stage. */
  deployTarget?: 'deploy' | 'rollback';
  received: boolean;
  expiresAt: number;
}

const partition = (projectId: string) => `PROJECT#${projectId}`;
export const deploymentKey = (projectId: string, deploymentId: string) => ({
  PK: partition(projectId),
  SK: `DEPLOYMENT#${deploymentId}`,
});
const environmentIndex = (environmentId: string) => `ENVDEPLOYMENTS#${environmentId}`;
const callbackKey = (callbackId: string) => ({ PK: `CALLBACK#${callbackId}`, SK: 'CALLBACK' });
const idempotencyKey = (projectId: string, key: string) => ({ PK: partition(projectId), SK: `IDEMPOTENCY#${key}` });

function deploymentItem(deployment: DeploymentRecord) {
  return {
    ...deploymentKey(deployment.projectId, deployment.id),
    GSI1PK: environmentIndex(deployment.environmentId),
    GSI1SK: `DEPLOYMENT#${deployment.id}`,
    type: 'Deployment',
    ...deployment,
  };
}

export async function getDeployment(projectId: string, deploymentId: string): Promise<DeploymentRecord | undefined> {
  const key = deploymentKey(projectId, deploymentId);
  return recordOf<DeploymentRecord>(await table.get(key.PK, key.SK));
}

/** Newest first; by environment through GSI1, else the project's partition. */
export async function listDeployments(
  projectId: string,
  filter: { environmentId?: string; status?: DeploymentStatus },
  page: { limit: number; cursor?: string },
): Promise<Page<DeploymentRecord>> {
  const statusFilter = filter.status
    ? { FilterExpression: '#status = :status', ExpressionAttributeNames: { '#status': 'status' } }
    : {};
  const statusValue = filter.status ? { ':status': filter.status } : {};
  const result = filter.environmentId
    ? await table.queryPage(
        {
          IndexName: 'GSI1',
          KeyConditionExpression: 'GSI1PK = :env AND begins_with(GSI1SK, :deployment)',
          ExpressionAttributeValues: {
            ':env': environmentIndex(filter.environmentId),
            ':deployment': 'DEPLOYMENT#',
            ...statusValue,
          },
          ScanIndexForward: false,
          ...statusFilter,
        },
        page,
        { attributes: ['PK', 'SK', 'GSI1PK', 'GSI1SK'], partition: { GSI1PK: environmentIndex(filter.environmentId) } },
      )
    : await table.queryPage(
        {
          KeyConditionExpression: 'PK = :pk AND begins_with(SK, :deployment)',
          ExpressionAttributeValues: { ':pk': partition(projectId), ':deployment': 'DEPLOYMENT#', ...statusValue },
          ScanIndexForward: false,
          ...statusFilter,
        },
        page,
        { attributes: ['PK', 'SK'], partition: { PK: partition(projectId) } },
      );
  return {
    items: result.items
      .map((item) => recordOf<DeploymentRecord>(item)!)
      .filter((deployment) => deployment.projectId === projectId),
    nextCursor: result.nextCursor,
  };
}

/** The queued deployments of an environment, oldest first (GSI1). */
function queuedDeploymentsQuery(environmentId: string) {
  return {
    TableName: table.name,
    IndexName: 'GSI1',
    KeyConditionExpression: 'GSI1PK = :env AND begins_with(GSI1SK, :deployment)',
    FilterExpression: '#status = :queued',
    ExpressionAttributeNames: { '#status': 'status' },
    ExpressionAttributeValues: {
      ':env': environmentIndex(environmentId),
      ':deployment': 'DEPLOYMENT#',
      ':queued': 'queued',
    },
  };
}

/** The oldest queued deployment of an environment, if any (FIFO). */
export async function oldestQueuedDeployment(environmentId: string): Promise<DeploymentRecord | undefined> {
  let startKey: Record<string, unknown> | undefined;
  do {
    const result = await documentClient.send(
      new QueryCommand({ ...queuedDeploymentsQuery(environmentId), ExclusiveStartKey: startKey }),
    );
    const next = nextInQueue((result.Items ?? []).map((item) => recordOf<DeploymentRecord>(item)!));
    if (next) return next;
    startKey = result.LastEvaluatedKey;
  } while (startKey);
  return undefined;
}

/** How many deployments wait in an environment's queue. */
export async function countQueuedDeployments(environmentId: string): Promise<number> {
  let count = 0;
  let startKey: Record<string, unknown> | undefined;
  do {
    const result = await documentClient.send(
      new QueryCommand({ ...queuedDeploymentsQuery(environmentId), Select: 'COUNT', ExclusiveStartKey: startKey }),
    );
    count += result.Count ?? 0;
    startKey = result.LastEvaluatedKey;
  } while (startKey);
  return count;
}

/**
 * Stores a new deployment (and its idempotency key), taking the environment's lock when
 * `takeLock`. Outcomes: 'created'; 'locked' when the lock is held by another deployment
 * (nothing written); 'duplicate' when the idempotency key was used before.
 */
export async function insertDeployment(
  deployment: DeploymentRecord,
  options: { takeLock: boolean; idempotency?: { key: string; requestHash: string } },
): Promise<'created' | 'locked' | 'duplicate'> {
  const items: TransactItem[] = [putIfAbsentItem(deploymentItem(deployment))];
  if (options.idempotency) {
    items.push(
      putIfAbsentItem({
        ...idempotencyKey(deployment.projectId, options.idempotency.key),
        type: 'IdempotencyKey',
        deploymentId: deployment.id,
        requestHash: options.idempotency.requestHash,
        expiresAt: Math.floor(Date.now() / 1000) + 86_400,
      }),
    );
  }
  const lockIndex = items.length;
  if (options.takeLock) items.push(lockPut(deployment));
  const failed = await transact(items);
  if (failed < 0) return 'created';
  if (options.idempotency && failed === 1) return 'duplicate';
  if (failed === lockIndex) return 'locked';
  throw new Error('Deployment id collision');
}

/** What an idempotency key was used for, if it was. */
export async function findIdempotentDeployment(
  projectId: string,
  key: string,
): Promise<{ deploymentId: string; requestHash: string } | undefined> {
  const item = await table.get(idempotencyKey(projectId, key).PK, idempotencyKey(projectId, key).SK);
  return item ? { deploymentId: item.deploymentId as string, requestHash: item.requestHash as string } : undefined;
}

/** Hands the environment's lock to a queued deployment; false if the lock is held already. */
export async function takeLockFor(deployment: DeploymentRecord): Promise<boolean> {
  return (await transact([lockPut(deployment)])) < 0;
}

/** Releases the lock if (and only if) this deployment holds it. */
export async function releaseLock(deployment: DeploymentRecord): Promise<void> {
  // A failed condition means another deployment holds it (or nobody): nothing to release.
  await transact([
    {
      Delete: {
        TableName: table.name,
        Key: environmentLockKey(deployment.projectId, deployment.environmentId),
        ConditionExpression: 'deploymentId = :deployment',
        ExpressionAttributeValues: { ':deployment': deployment.id },
      },
    },
  ]);
}

/** Who holds an environment's lock right now. */
export async function lockHolder(projectId: string, environmentId: string): Promise<string | undefined> {
  const key = environmentLockKey(projectId, environmentId);
  return (await table.get(key.PK, key.SK))?.deploymentId as string | undefined;
}

/**
 * Writes a deployment's progress if it is still in one of `from` (so a cancelled or
 * finished deployment is never revived by a late task); false when it was not.
 */
export async function saveProgress(deployment: DeploymentRecord, from: readonly DeploymentStatus[]): Promise<boolean> {
  const values: Record<string, unknown> = {};
  from.forEach((status, index) => {
    values[`:from${index}`] = status;
  });
  return updateIf({
    Key: deploymentKey(deployment.projectId, deployment.id),
    UpdateExpression:
      'SET #status = :status, stages = :stages, updatedAt = :now, startedAt = :startedAt, endedAt = :endedAt, failureReason = :reason, approvalToken = :token, previousVersion = :previous',
    ConditionExpression: `#status IN (${from.map((_, index) => `:from${index}`).join(', ')})`,
    ExpressionAttributeNames: { '#status': 'status' },
    ExpressionAttributeValues: {
      ...values,
      ':status': deployment.status,
      ':stages': deployment.stages,
      ':now': new Date().toISOString(),
      ':startedAt': deployment.startedAt ?? null,
      ':endedAt': deployment.endedAt ?? null,
      ':reason': deployment.failureReason ?? null,
      ':token': deployment.approvalToken ?? null,
      ':previous': deployment.previousVersion,
    },
  });
}

/**
 * Remembers which execution runs a deployment. Its own write: the run's first task may
 * already be saving progress, and progress writes never touch this attribute.
 */
export async function recordExecutionArn(deployment: DeploymentRecord, executionArn: string): Promise<void> {
  await documentClient.send(
    new UpdateCommand({
      TableName: table.name,
      Key: deploymentKey(deployment.projectId, deployment.id),
      UpdateExpression: 'SET executionArn = :execution',
      ExpressionAttributeValues: { ':execution': executionArn },
    }),
  );
}

/** Records one approver's decision on a stage; false when they already decided. */
export async function putApproval(
  deployment: DeploymentRecord,
  stageName: string,
  userId: string,
  decision: 'approve' | 'reject',
  comment: string | undefined,
): Promise<boolean> {
  const failed = await transact([
    putIfAbsentItem({
      PK: partition(deployment.projectId),
      SK: `APPROVAL#${deployment.id}#${stageName}#${userId}`,
      type: 'Approval',
      userId,
      decision,
      at: new Date().toISOString(),
      ...(comment ? { comment } : {}),
    }),
  ]);
  return failed < 0;
}

/** Every decision recorded on one stage (strongly consistent), oldest first. */
export async function listApprovals(
  deployment: DeploymentRecord,
  stageName: string,
): Promise<Array<{ userId: string; decision: 'approve' | 'reject'; at: string; comment?: string }>> {
  const items = await table.queryAll<Record<string, unknown>>({
    KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
    ExpressionAttributeValues: {
      ':pk': partition(deployment.projectId),
      ':prefix': `APPROVAL#${deployment.id}#${stageName}#`,
    },
    ConsistentRead: true,
  });
  return items
    .map((item) => ({
      userId: item.userId as string,
      decision: item.decision as 'approve' | 'reject',
      at: item.at as string,
      ...(typeof item.comment === 'string' ? { comment: item.comment } : {}),
    }))
    .sort((a, b) => a.at.localeCompare(b.at));
}

export async function putCallback(callback: CallbackRecord): Promise<void> {
  await transact([putIfAbsentItem({ ...callbackKey(callback.callbackId), type: 'Callback', ...callback })]);
}

export async function getCallback(callbackId: string): Promise<CallbackRecord | undefined> {
  const key = callbackKey(callbackId);
  return recordOf<CallbackRecord>(await table.get(key.PK, key.SK));
}

/** Marks a callback received exactly once; false when it already was. */
export async function claimCallback(callbackId: string): Promise<boolean> {
  return updateIf({
    Key: callbackKey(callbackId),
    UpdateExpression: 'SET received = :true',
    ConditionExpression: `${ITEM_EXISTS} AND received = :false`,
    ExpressionAttributeValues: { ':true': true, ':false': false },
  });
}

function lockPut(deployment: DeploymentRecord): TransactItem {
  return putIfAbsentItem({
    ...environmentLockKey(deployment.projectId, deployment.environmentId),
    type: 'EnvironmentLock',
    deploymentId: deployment.id,
    acquiredAt: new Date().toISOString(),
  });
}
