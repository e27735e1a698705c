import { DeleteCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
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

/** One version of a pipeline (also after the pipeline was replaced or deleted). */
export async function getPipelineVersion(
  projectId: string,
  pipelineId: string,
  version: number,
): Promise<PipelineRecord | undefined> {
  const key = versionKey(projectId, pipelineId, version);
  return recordOf<PipelineRecord>(await table.get(key.PK, key.SK));
}

/** Webhook secrets of one version, by stage name (for signing; never returned by the API). */
export async function getPipelineSecrets(
  projectId: string,
  pipelineId: string,
  version: number,
): Promise<Record<string, string>> {
  const result = await documentClient.send(
    new GetCommand({ TableName: table.name, Key: secretsKey(projectId, pipelineId, version), ConsistentRead: true }),
  );
  return (result.Item?.secrets as Record<string, string> | undefined) ?? {};
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
 * Stores a new version: the version item, its secrets and the pipeline's latest copy, in one
 * transaction. Version 1 requires that the pipeline does not exist; later versions that the
 * latest stored version is `pipeline.version - 1` (false when someone else saved first).
 */
export async function savePipelineVersion(pipeline: PipelineRecord, secrets: Record<string, string>): Promise<boolean> {
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
  if (Object.keys(secrets).length > 0) {
    items.push({
      Put: {
        TableName: table.name,
        Item: { ...secretsKey(projectId, pipelineId, version), type: 'PipelineSecrets', secrets },
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
