import {
  type AttributeDefinition,
  CreateTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  DynamoDBClient,
  type GlobalSecondaryIndex,
  ResourceNotFoundException,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { TABLE_DEFINITION } from '#shared/data/table-definition';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from './aws-env.ts';

function localDynamoDbClient(endpoint: string): DynamoDBClient {
  return new DynamoDBClient({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS, maxAttempts: 1 });
}

/**
 * Creates the table from TABLE_DEFINITION (the same definition the CDK data construct
 * uses) if it is missing, and brings an existing one up to date: GSIs added to the
 * definition since the data folder was created, and TTL.
 */
export async function ensureTable(endpoint: string, tableName: string): Promise<'created' | 'updated' | 'unchanged'> {
  const client = localDynamoDbClient(endpoint);
  try {
    const existing = await describeTable(client, tableName);
    if (!existing) {
      await client.send(new CreateTableCommand(createTableInput(tableName)));
      await enableTtl(client, tableName);
      return 'created';
    }
    let changed = false;
    const present = new Set((existing.GlobalSecondaryIndexes ?? []).map((index) => index.IndexName));
    for (const index of globalSecondaryIndexes()) {
      if (present.has(index.IndexName)) continue;
      await client.send(
        new UpdateTableCommand({
          TableName: tableName,
          AttributeDefinitions: attributeDefinitions(),
          GlobalSecondaryIndexUpdates: [{ Create: index }],
        }),
      );
      changed = true;
    }
    const ttl = await client.send(new DescribeTimeToLiveCommand({ TableName: tableName }));
    if (ttl.TimeToLiveDescription?.TimeToLiveStatus !== 'ENABLED') {
      await enableTtl(client, tableName);
      changed = true;
    }
    return changed ? 'updated' : 'unchanged';
  } finally {
    client.destroy();
  }
}

async function describeTable(client: DynamoDBClient, tableName: string) {
  try {
    return (await client.send(new DescribeTableCommand({ TableName: tableName }))).Table;
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return undefined;
    throw error;
  }
}

function enableTtl(client: DynamoDBClient, tableName: string) {
  return client.send(
    new UpdateTimeToLiveCommand({
      TableName: tableName,
      TimeToLiveSpecification: { AttributeName: TABLE_DEFINITION.ttlAttribute, Enabled: true },
    }),
  );
}

function attributeDefinitions(): AttributeDefinition[] {
  const names = new Set<string>([TABLE_DEFINITION.partitionKey, TABLE_DEFINITION.sortKey]);
  for (const index of TABLE_DEFINITION.globalSecondaryIndexes) {
    names.add(index.partitionKey);
    names.add(index.sortKey);
  }
  return [...names].map((name) => ({ AttributeName: name, AttributeType: 'S' }));
}

function globalSecondaryIndexes(): GlobalSecondaryIndex[] {
  return TABLE_DEFINITION.globalSecondaryIndexes.map((index) => ({
    IndexName: index.indexName,
    KeySchema: [
      { AttributeName: index.partitionKey, KeyType: 'HASH' },
      { AttributeName: index.sortKey, KeyType: 'RANGE' },
    ],
    Projection: { ProjectionType: 'ALL' },
  }));
}

function createTableInput(tableName: string) {
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST' as const,
    AttributeDefinitions: attributeDefinitions(),
    KeySchema: [
      { AttributeName: TABLE_DEFINITION.partitionKey, KeyType: 'HASH' as const },
      { AttributeName: TABLE_DEFINITION.sortKey, KeyType: 'RANGE' as const },
    ],
    GlobalSecondaryIndexes: globalSecondaryIndexes(),
  };
}
