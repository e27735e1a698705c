import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '#shared/data/client';
import { isConditionFailure, table } from '#shared/data/repository';

/** A user's profile as stored (the credentials live in Cognito). */
export interface UserRecord {
  userId: string;
  email: string;
  name: string;
  createdAt: string;
  updatedAt: string;
}

export const userKey = (userId: string) => ({ PK: `USER#${userId}`, SK: 'PROFILE' });
const emailKey = (email: string) => ({ PK: `EMAIL#${email}`, SK: 'EMAIL' });

export async function getUser(userId: string): Promise<UserRecord | undefined> {
  const key = userKey(userId);
  return table.get<UserRecord & Record<string, unknown>>(key.PK, key.SK);
}

/** Profiles of many users at once (missing ones are left out). */
export async function getUsers(userIds: readonly string[]): Promise<Map<string, UserRecord>> {
  const unique = [...new Set(userIds)];
  const records: UserRecord[] = [];
  for (let i = 0; i < unique.length; i += 100) {
    records.push(
      ...(await table.batchGet<UserRecord & Record<string, unknown>>(unique.slice(i, i + 100).map(userKey))),
    );
  }
  return new Map(records.map((record) => [record.userId, record]));
}

/**
 * Stores a new profile and reserves its email in one transaction. Idempotent for the same
 * user (a retried registration rewrites the same profile); false if the email belongs to
 * somebody else.
 */
export async function putUser(user: UserRecord): Promise<boolean> {
  const failed = await table.transact([
    {
      Put: {
        TableName: table.name,
        Item: { ...userKey(user.userId), type: 'User', ...user },
      },
    },
    {
      Put: {
        TableName: table.name,
        Item: { ...emailKey(user.email), type: 'EmailReservation', userId: user.userId },
        ConditionExpression: 'attribute_not_exists(PK) OR userId = :userId',
        ExpressionAttributeValues: { ':userId': user.userId },
      },
    },
  ]);
  return failed < 0;
}

/** Renames a user; undefined when there is no such profile. */
export async function renameUser(userId: string, name: string): Promise<UserRecord | undefined> {
  try {
    const result = await documentClient.send(
      new UpdateCommand({
        TableName: table.name,
        Key: userKey(userId),
        UpdateExpression: 'SET #name = :name, updatedAt = :now',
        ConditionExpression: 'attribute_exists(PK)',
        ExpressionAttributeNames: { '#name': 'name' },
        ExpressionAttributeValues: { ':name': name, ':now': new Date().toISOString() },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return result.Attributes as UserRecord;
  } catch (error) {
    if (isConditionFailure(error)) return undefined;
    throw error;
  }
}
