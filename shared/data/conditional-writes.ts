import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  type DeleteCommandInput,
  PutCommand,
  type PutCommandInput,
  TransactWriteCommand,
  UpdateCommand,
  type UpdateCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { documentClient, tableName } from '#shared/data/client';
import type { Item, TransactItem } from '#shared/data/repository';

// Every conditional write of the repositories goes through here: the conditions they share,
// and the one mapping of a failed condition (ConditionalCheckFailedException on a single
// item, a ConditionalCheckFailed reason in a cancelled transaction) to an outcome the domain
// decides on, instead of an exception.

/** The table's primary key of one item. */
export interface ItemKey {
  PK: string;
  SK: string;
}

/** Condition: no item has this key yet (creates, reservations, locks). */
export const ITEM_ABSENT = 'attribute_not_exists(PK)';

/** Condition: the item exists (updates and deletes that must not recreate or miss it). */
export const ITEM_EXISTS = 'attribute_exists(PK)';

type WriteInput<T> = Omit<T, 'TableName'>;

/** Whether an error is a failed condition on a single-item write. */
export function isConditionFailure(error: unknown): boolean {
  return error instanceof ConditionalCheckFailedException;
}

/** The write's result, or `fallback` when its condition failed; other errors are rethrown. */
export async function unlessConditionFails<T, F>(write: Promise<T>, fallback: F): Promise<T | F> {
  try {
    return await write;
  } catch (error) {
    if (isConditionFailure(error)) return fallback;
    throw error;
  }
}

/** A conditional Put; false when its condition failed. */
export function putIf(input: WriteInput<PutCommandInput>): Promise<boolean> {
  const put = documentClient.send(new PutCommand({ ...input, TableName: tableName }));
  return unlessConditionFails(
    put.then(() => true),
    false,
  );
}

/** A conditional Delete; false when its condition failed. */
export function deleteIf(input: WriteInput<DeleteCommandInput>): Promise<boolean> {
  const deletion = documentClient.send(new DeleteCommand({ ...input, TableName: tableName }));
  return unlessConditionFails(
    deletion.then(() => true),
    false,
  );
}

/** A conditional Update; false when its condition failed. */
export function updateIf(input: WriteInput<UpdateCommandInput>): Promise<boolean> {
  const update = documentClient.send(new UpdateCommand({ ...input, TableName: tableName }));
  return unlessConditionFails(
    update.then(() => true),
    false,
  );
}

/** A conditional Update that answers the item as it is afterwards; undefined when its condition failed. */
export function updateAndGetIf(input: WriteInput<UpdateCommandInput>): Promise<Item | undefined> {
  const update = documentClient.send(new UpdateCommand({ ...input, TableName: tableName, ReturnValues: 'ALL_NEW' }));
  return unlessConditionFails(
    update.then((result) => result.Attributes ?? {}),
    undefined,
  );
}

/** Stores a new item; false when its key is taken. */
export function putIfAbsent(item: Item): Promise<boolean> {
  return putIf({ Item: item, ConditionExpression: ITEM_ABSENT });
}

/** Replaces an item if its stored `version` is `expectedVersion`; false otherwise (or when it is gone). */
export function putIfVersion(item: Item, expectedVersion: number): Promise<boolean> {
  return putIf({ Item: item, ...versionMatches(expectedVersion) });
}

/** Deletes an item; false when there was none. */
export function deleteIfExists(key: ItemKey): Promise<boolean> {
  return deleteIf({ Key: key, ConditionExpression: ITEM_EXISTS });
}

/** The condition of an optimistic write: the item exists and its `version` is `expectedVersion`. */
export function versionMatches(expectedVersion: number) {
  return {
    ConditionExpression: `${ITEM_EXISTS} AND #version = :expected`,
    ExpressionAttributeNames: { '#version': 'version' },
    ExpressionAttributeValues: { ':expected': expectedVersion },
  };
}

/** A transaction's Put of a new item, which cancels the transaction when the key is taken. */
export function putIfAbsentItem(item: Item): TransactItem {
  return { Put: { TableName: tableName, Item: item, ConditionExpression: ITEM_ABSENT } };
}

/** Runs a transaction; returns the index of the first item whose condition failed, or -1 on success. */
export async function transact(items: TransactItem[]): Promise<number> {
  try {
    await documentClient.send(new TransactWriteCommand({ TransactItems: items }));
    return -1;
  } catch (error) {
    if (error instanceof TransactionCanceledException) {
      const reasons = error.CancellationReasons ?? [];
      const failed = reasons.findIndex((reason) => reason.Code === 'ConditionalCheckFailed');
      if (failed >= 0) return failed;
    }
    throw error;
  }
}
