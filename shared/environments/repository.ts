import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { decryptSecret, type EncryptedSecret, isEncryptedSecret, type SecretContext } from '#shared/crypto/envelope';
import { documentClient } from '#shared/data/client';
import {
  ITEM_ABSENT,
  ITEM_EXISTS,
  putIfAbsentItem,
  transact,
  updateIf,
  versionMatches,
} from '#shared/data/conditional-writes';
import { type Page, recordOf, type TransactItem, table } from '#shared/data/repository';
import type { HealthCheck, Protection } from '#shared/schemas/environments';

/** An environment as stored. The deploy target's secret lives in a separate item. */
export interface EnvironmentRecord {
  environmentId: string;
  projectId: string;
  name: string;
  url?: string;
  healthCheck?: HealthCheck;
  /** `waitForCallback`/`timeoutSeconds` are absent on environments stored before deploy callbacks. */
  deployTarget: {
    type: 'webhook';
    url: string;
    hasSecret: boolean;
    waitForCallback?: boolean;
    timeoutSeconds?: number;
  };
  protection?: Protection;
  concurrency: 'queue' | 'reject';
  /** Absent on environments created before the cap: DEFAULT_MAX_QUEUED applies. */
  maxQueued?: number;
  currentVersion: string | null;
  lastDeploymentId: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

const partition = (projectId: string) => `PROJECT#${projectId}`;
const environmentKey = (projectId: string, environmentId: string) => ({
  PK: partition(projectId),
  SK: `ENV#${environmentId}`,
});
const nameReservationKey = (projectId: string, name: string) => ({ PK: partition(projectId), SK: `ENVNAME#${name}` });
// Secrets sit in their own item so that no read of an environment can return one by accident.
const secretKey = (projectId: string, environmentId: string) => ({
  PK: partition(projectId),
  SK: `ENVSECRET#${environmentId}`,
});
/** The per-environment deployment lock (held by the running deployment). */
export const environmentLockKey = (projectId: string, environmentId: string) => ({
  PK: partition(projectId),
  SK: `ENVLOCK#${environmentId}`,
});

export async function getEnvironment(projectId: string, environmentId: string): Promise<EnvironmentRecord | undefined> {
  const key = environmentKey(projectId, environmentId);
  return recordOf<EnvironmentRecord>(await table.get(key.PK, key.SK));
}

/** What the deploy target's sealed secret is bound to: KMS and GCM refuse it under any other. */
export function environmentSecretContext(projectId: string, environmentId: string): SecretContext {
  return { projectId, resource: `environment/${environmentId}/deploy-target-secret` };
}

/**
 * The deploy target's signing secret, decrypted, for the code that signs outbound calls. An
 * item stored before secrets were sealed (`secret` in plaintext) is read as it is until the
 * secret is next set.
 */
export async function getEnvironmentSecret(projectId: string, environmentId: string): Promise<string | undefined> {
  const result = await documentClient.send(
    new GetCommand({ TableName: table.name, Key: secretKey(projectId, environmentId), ConsistentRead: true }),
  );
  const item = result.Item;
  if (isEncryptedSecret(item?.encrypted)) {
    return decryptSecret(item.encrypted, environmentSecretContext(projectId, environmentId));
  }
  return item?.secret as string | undefined;
}

export async function listEnvironments(
  projectId: string,
  page: { limit: number; cursor?: string },
): Promise<Page<EnvironmentRecord>> {
  const result = await table.queryPage(
    {
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :env)',
      ExpressionAttributeValues: { ':pk': partition(projectId), ':env': 'ENV#' },
    },
    page,
    { attributes: ['PK', 'SK'], partition: { PK: partition(projectId) } },
  );
  return { items: result.items.map((item) => recordOf<EnvironmentRecord>(item)!), nextCursor: result.nextCursor };
}

/** Creates the environment, reserving its name in the project; false when the name is taken. */
export async function insertEnvironment(
  environment: EnvironmentRecord,
  secret: EncryptedSecret | undefined,
): Promise<boolean> {
  const items: TransactItem[] = [
    putIfAbsentItem({
      ...nameReservationKey(environment.projectId, environment.name),
      type: 'EnvironmentName',
      environmentId: environment.environmentId,
    }),
    putIfAbsentItem({
      ...environmentKey(environment.projectId, environment.environmentId),
      type: 'Environment',
      ...environment,
    }),
  ];
  if (secret !== undefined) items.push(secretPut(environment, secret));
  return (await transact(items)) < 0;
}

/** Replaces the editable settings if the stored version is `expectedVersion`; false otherwise. */
export async function replaceEnvironmentSettings(
  next: EnvironmentRecord,
  expectedVersion: number,
  secret: EncryptedSecret | undefined,
): Promise<boolean> {
  const items: TransactItem[] = [
    {
      Put: {
        TableName: table.name,
        Item: { ...environmentKey(next.projectId, next.environmentId), type: 'Environment', ...next },
        ...versionMatches(expectedVersion),
      },
    },
  ];
  if (secret !== undefined) items.push(secretPut(next, secret));
  return (await transact(items)) < 0;
}

/** Deletes environment, name and secret unless a deployment holds the lock: 'busy' then. */
export async function deleteEnvironmentRecord(environment: EnvironmentRecord): Promise<'deleted' | 'busy' | 'gone'> {
  const { projectId, environmentId } = environment;
  const failed = await transact([
    {
      ConditionCheck: {
        TableName: table.name,
        Key: environmentLockKey(projectId, environmentId),
        ConditionExpression: ITEM_ABSENT,
      },
    },
    {
      Delete: {
        TableName: table.name,
        Key: environmentKey(projectId, environmentId),
        ConditionExpression: ITEM_EXISTS,
      },
    },
    { Delete: { TableName: table.name, Key: nameReservationKey(projectId, environment.name) } },
    { Delete: { TableName: table.name, Key: secretKey(projectId, environmentId) } },
  ]);
  if (failed === 0) return 'busy';
  if (failed === 1) return 'gone';
  return 'deleted';
}

/** Moves `currentVersion` after a healthy deployment; only ever called with a healthy version. */
export async function recordDeployedVersion(
  projectId: string,
  environmentId: string,
  version: string,
  deploymentId: string,
): Promise<boolean> {
  return updateIf({
    Key: environmentKey(projectId, environmentId),
    UpdateExpression: 'SET currentVersion = :version, lastDeploymentId = :deployment, updatedAt = :now',
    ConditionExpression: ITEM_EXISTS,
    ExpressionAttributeValues: { ':version': version, ':deployment': deploymentId, ':now': new Date().toISOString() },
  });
}

function secretPut(environment: EnvironmentRecord, encrypted: EncryptedSecret): TransactItem {
  return {
    Put: {
      TableName: table.name,
      Item: { ...secretKey(environment.projectId, environment.environmentId), type: 'EnvironmentSecret', encrypted },
    },
  };
}
