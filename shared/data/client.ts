import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ENV, requireEnv } from '#shared/config/env';

/** The table every repository reads and writes; resolved once per Lambda instance. */
export const tableName = requireEnv(ENV.tableName);

/** One DynamoDB document client per Lambda instance (endpoint and region from the SDK's env). */
export const documentClient = DynamoDBDocumentClient.from(new DynamoDBClient({}), {
  marshallOptions: { removeUndefinedValues: true },
});
