import {
  deleteIf,
  ITEM_ABSENT,
  ITEM_EXISTS,
  putIf,
  putIfAbsentItem,
  transact,
  updateAndGetIf,
} from '#shared/data/conditional-writes';
import { table } from '#shared/data/repository';
import type { Locale } from '#shared/i18n/locale';
import { chunks } from '#shared/utils/batches';

/** A user's profile as stored (the credentials live in Cognito). */
export interface UserRecord {
  userId: string;
  email: string;
  name: string;
  /** Absent on profiles made before languages: they read English. */
  locale?: Locale;
  createdAt: string;
  updatedAt: string;
}

export const userKey = (userId: string) => ({ PK: `USER#${userId}`, SK: 'PROFILE' });
const emailKey = (email: string) => ({ PK: `EMAIL#${email}`, SK: 'EMAIL' });

export async function getUser(userId: string): Promise<UserRecord | undefined> {
  const key = userKey(userId);
  return table.get<UserRecord & Record<string, unknown>>(key.PK, key.SK);
}

/** The user whose account holds this email, if any. */
export async function findUserIdByEmail(email: string): Promise<string | undefined> {
  const key = emailKey(email);
  const reservation = await table.get<{ userId?: string }>(key.PK, key.SK);
  return reservation?.userId;
}

/** Profiles of many users at once (missing ones are left out). */
export async function getUsers(userIds: readonly string[]): Promise<Map<string, UserRecord>> {
  const unique = [...new Set(userIds)];
  const records: UserRecord[] = [];
  for (const ids of chunks(unique, 100)) {
    records.push(...(await table.batchGet<UserRecord & Record<string, unknown>>(ids.map(userKey))));
  }
  return new Map(records.map((record) => [record.userId, record]));
}

/**
 * How long a registration holds its email before another attempt may take over. Longer than
 * an API Lambda may run (29 s), so a live attempt never loses it.
 */
export const REGISTRATION_LEASE_MS = 60_000;

/**
 * Reserves an email for one registration attempt, before any identity exists: false when an
 * account holds it, or another attempt that is still within its lease. An attempt that died
 * (its Lambda timed out) leaves a lease that expires; TTL removes it a day later.
 */
export async function reserveEmail(email: string, attemptId: string, now = Date.now()): Promise<boolean> {
  const pendingUntil = now + REGISTRATION_LEASE_MS;
  return putIf({
    Item: {
      ...emailKey(email),
      type: 'EmailReservation',
      attemptId,
      pendingUntil,
      expiresAt: Math.ceil(pendingUntil / 1000) + 86_400,
    },
    ConditionExpression: `${ITEM_ABSENT} OR pendingUntil < :now`,
    ExpressionAttributeValues: { ':now': now },
  });
}

/** Gives up an attempt's reservation (the registration failed); a no-op once it moved on. */
export async function releaseEmail(email: string, attemptId: string): Promise<void> {
  await deleteIf({
    Key: emailKey(email),
    ConditionExpression: 'attemptId = :attemptId',
    ExpressionAttributeValues: { ':attemptId': attemptId },
  });
}

/**
 * Stores a new profile and turns the attempt's reservation of its email into the account's,
 * in one transaction; false if the attempt no longer holds the reservation.
 */
export async function putUser(user: UserRecord, attemptId: string): Promise<boolean> {
  const failed = await transact([
    putIfAbsentItem({ ...userKey(user.userId), type: 'User', ...user }),
    {
      Put: {
        TableName: table.name,
        Item: { ...emailKey(user.email), type: 'EmailReservation', userId: user.userId },
        ConditionExpression: 'attemptId = :attemptId',
        ExpressionAttributeValues: { ':attemptId': attemptId },
      },
    },
  ]);
  return failed < 0;
}

/** Deletes a profile and frees its email, so the email can register again. */
export async function deleteUserRecords(user: UserRecord): Promise<void> {
  const failed = await transact([
    { Delete: { TableName: table.name, Key: userKey(user.userId) } },
    {
      Delete: {
        TableName: table.name,
        Key: emailKey(user.email),
        ConditionExpression: `${ITEM_ABSENT} OR userId = :userId`,
        ExpressionAttributeValues: { ':userId': user.userId },
      },
    },
  ]);
  if (failed >= 0) throw new Error(`The email reservation of ${user.userId} belongs to someone else`);
}

/** Changes a user's name and/or locale; undefined when there is no such profile. */
export async function updateUserProfile(
  userId: string,
  changes: { name?: string; locale?: Locale },
): Promise<UserRecord | undefined> {
  const set = ['updatedAt = :now'];
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = { ':now': new Date().toISOString() };
  for (const field of ['name', 'locale'] as const) {
    if (changes[field] === undefined) continue;
    set.push(`#${field} = :${field}`);
    names[`#${field}`] = field;
    values[`:${field}`] = changes[field];
  }
  const updated = await updateAndGetIf({
    Key: userKey(userId),
    UpdateExpression: `SET ${set.join(', ')}`,
    ConditionExpression: ITEM_EXISTS,
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
  });
  return updated as UserRecord | undefined;
}
