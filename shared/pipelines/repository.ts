import { DeleteCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
import { decryptSecret, type EncryptedSecret, isEncryptedSecret, type SecretContext } from '#shared/crypto/envelope';
import { documentClient } from '#shared/data/client';
import { isConditionFailure, type Page, recordOf, type TransactItem, table } from '#shared/data/repository';
import type { Stage } from '#shared/schemas/pipelines';

/** The latest version of a pipeline, as stored. Webhook secrets live in a separate item per version. */
export interface PipelineRecord {
  pipelineId: string;
  projectId: string;
  name: string;
  description?: string;
  version: number;
  stages: Stage[];
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

const partition = (projectId: string) => `PROJECT#${projectId}`;
const pipelineKey = (projectId: string, pipelineId: string) => ({
  PK: partition(projectId),
  SK: `PIPELINE#${pipelineId}`,
});
const versionSuffix = (version: number) => String(version).padStart(6, '0');
// Every version is kept: a deployment runs the version it started with.
const versionKey = (projectId: string, pipelineId: string, version: number) => ({
  PK: partition(projectId),
  SK: `PIPELINEVER#${pipelineId}#${versionSuffix(version)}`,
});
const secretsKey = (projectId: string, pipelineId: string, version: number) => ({
  PK: partition(projectId),
  SK: `PIPELINESECRET#${pipelineId}#${versionSuffix(version)}`,
});

export async function getPipeline(projectId: string, pipelineId: string): Promise<PipelineRecord | undefined> {
  const key = pipelineKey(projectId, pipelineId);
  return recordOf<PipelineRecord>(await table.get(key.PK, key.SK));
}

/** What a version's sealed webhook secrets are bound to: KMS and GCM refuse them under any other. */
export function pipelineSecretsContext(projectId: string, pipelineId: string, version: number): SecretContext {
  return { projectId, resource: `pipeline/${pipelineId}/version/${version}/webhook-secrets` };
}

/**
 * Webhook secrets of one version, decrypted, by stage name (for signing; never returned by the
 * API). A version stored before secrets were sealed (`secrets` in plaintext) is read as it is.
 */
export async function getPipelineSecrets(
  projectId: string,
  pipelineId: string,
  version: number,
): Promise<Record<string, string>> {
  const result = await documentClient.send(
    new GetCommand({ TableName: table.name, Key: secretsKey(projectId, pipelineId, version), ConsistentRead: true }),
  );
  const item = result.Item;
  if (isEncryptedSecret(item?.encrypted)) {
    const context = pipelineSecretsContext(projectId, pipelineId, version);
    return JSON.parse(await decryptSecret(item.encrypted, context)) as Record<string, string>;
  }
  return (item?.secrets as Record<string, string> | undefined) ?? {};
}

export async function listPipelines(
  projectId: string,
  page: { limit: number; cursor?: string },
): Promise<Page<PipelineRecord>> {
  const result = await table.queryPage(
    {
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :pipeline)',
      ExpressionAttributeValues: { ':pk': partition(projectId), ':pipeline': 'PIPELINE#' },
    },
    page,
    { attributes: ['PK', 'SK'], partition: { PK: partition(projectId) } },
  );
  return { items: result.items.map((item) => recordOf<PipelineRecord>(item)!), nextCursor: result.nextCursor };
}

/**
 * Stores a new version: the version item, its sealed secrets and the pipeline's latest copy, in one
 * transaction. Version 1 requires that the pipeline does not exist; later versions that the
 * latest stored version is `pipeline.version - 1` (false when someone else saved first).
 */
export async function savePipelineVersion(
  pipeline: PipelineRecord,
  secrets: EncryptedSecret | undefined,
): Promise<boolean> {
  const { projectId, pipelineId, version } = pipeline;
  const items: TransactItem[] = [
    {
      Put: {
        TableName: table.name,
        Item: { ...pipelineKey(projectId, pipelineId), type: 'Pipeline', ...pipeline },
        ConditionExpression: version === 1 ? 'attribute_not_exists(PK)' : '#version = :previous',
        ...(version === 1
          ? {}
          : {
              ExpressionAttributeNames: { '#version': 'version' },
              ExpressionAttributeValues: { ':previous': version - 1 },
            }),
      },
    },
    {
      Put: {
        TableName: table.name,
        Item: { ...versionKey(projectId, pipelineId, version), type: 'PipelineVersion', ...pipeline },
        ConditionExpression: 'attribute_not_exists(PK)',
      },
    },
  ];
  if (secrets !== undefined) {
    items.push({
      Put: {
        TableName: table.name,
        Item: { ...secretsKey(projectId, pipelineId, version), type: 'PipelineSecrets', encrypted: secrets },
      },
    });
  }
  return (await table.transact(items)) < 0;
}

/** Removes the pipeline from lists; its versions stay for the deployments that ran them. */
export async function deletePipelineRecord(projectId: string, pipelineId: string): Promise<boolean> {
  try {
    await documentClient.send(
      new DeleteCommand({
        TableName: table.name,
        Key: pipelineKey(projectId, pipelineId),
        ConditionExpression: 'attribute_exists(PK)',
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}
