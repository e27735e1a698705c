import {
  BatchGetCommand,
  type BatchGetCommandInput,
  BatchWriteCommand,
  GetCommand,
  QueryCommand,
  type QueryCommandInput,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { documentClient, tableName } from '#shared/data/client';
import { decodeCursor, encodeCursor } from '#shared/data/cursor';
import { chunks, mapConcurrently } from '#shared/utils/batches';

export type Item = Record<string, unknown>;
export type WriteRequest = { PutRequest: { Item: Item } } | { DeleteRequest: { Key: { PK: string; SK: string } } };
export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * Shared DynamoDB access for the domain repositories: strongly consistent reads, cursor
 * pagination bound to a partition, batch reads and writes with retry of unprocessed items.
 * Conditional writes and transactions: `#shared/data/conditional-writes`.
 */
export const table = {
  name: tableName,

  async get<T extends Item>(pk: string, sk: string): Promise<T | undefined> {
    const result = await documentClient.send(
      new GetCommand({ TableName: tableName, Key: { PK: pk, SK: sk }, ConsistentRead: true }),
    );
    return result.Item as T | undefined;
  },

  /** A page of a Query; the cursor must have been issued for the same partition. */
  async queryPage<T extends Item>(
    input: Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey' | 'Limit'>,
    page: { limit: number; cursor?: string },
    keyShape: { attributes: readonly string[]; partition: Record<string, string> },
  ): Promise<Page<T>> {
    const result = await documentClient.send(
      new QueryCommand({
        ...input,
        TableName: tableName,
        Limit: page.limit,
        ExclusiveStartKey: decodeCursor(page.cursor, keyShape),
      }),
    );
    return { items: (result.Items ?? []) as T[], nextCursor: encodeCursor(result.LastEvaluatedKey) };
  },

  /**
   * A page of a Query whose FilterExpression may drop most items: filled up to `limit`, reading
   * at most `maxRead` items per request, so a very selective filter may answer a short (even
   * empty) page with a cursor to continue from. The cursor continues right after the last item
   * answered, not after the whole read. Without a filter this is `queryPage`.
   */
  async queryFilteredPage<T extends Item>(
    input: Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey' | 'Limit'>,
    page: { limit: number; cursor?: string },
    keyShape: { attributes: readonly string[]; partition: Record<string, string> },
    maxRead: number,
  ): Promise<Page<T>> {
    if (input.FilterExpression === undefined) return table.queryPage<T>(input, page, keyShape);
    const items: T[] = [];
    let cursor = page.cursor;
    for (let read = 0; read < maxRead; ) {
      const chunk = Math.min(maxRead - read, Math.max(page.limit * 4, 100));
      const result = await table.queryPage<T>(input, { limit: chunk, cursor }, keyShape);
      read += chunk;
      for (const item of result.items) {
        items.push(item);
        if (items.length === page.limit) {
          const last = Object.fromEntries(keyShape.attributes.map((name) => [name, item[name]]));
          const more = result.nextCursor !== null || item !== result.items[result.items.length - 1];
          return { items, nextCursor: more ? encodeCursor(last) : null };
        }
      }
      if (result.nextCursor === null) return { items, nextCursor: null };
      cursor = result.nextCursor;
    }
    return { items, nextCursor: cursor ?? null };
  },

  /** Every item of a partition (for bounded child lists, such as a project's members). */
  async queryAll<T extends Item>(input: Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey'>): Promise<T[]> {
    const items: T[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const result = await documentClient.send(
        new QueryCommand({ ...input, TableName: tableName, ExclusiveStartKey: startKey }),
      );
      items.push(...((result.Items ?? []) as T[]));
      startKey = result.LastEvaluatedKey;
    } while (startKey);
    return items;
  },

  /** Reads up to 100 keys, retrying unprocessed keys; missing items are simply absent. */
  async batchGet<T extends Item>(keys: ReadonlyArray<{ PK: string; SK: string }>): Promise<T[]> {
    const items: T[] = [];
    let pending: BatchGetCommandInput['RequestItems'] | undefined =
      keys.length > 0 ? { [tableName]: { Keys: [...keys], ConsistentRead: true } } : undefined;
    for (let attempt = 0; pending && attempt < 5; attempt++) {
      const result = await documentClient.send(new BatchGetCommand({ RequestItems: pending }));
      items.push(...((result.Responses?.[tableName] ?? []) as T[]));
      const unprocessed = result.UnprocessedKeys?.[tableName];
      pending = unprocessed?.Keys?.length ? { [tableName]: unprocessed } : undefined;
      if (pending) await new Promise((resolve) => setTimeout(resolve, 2 ** attempt * 25));
    }
    if (pending) throw new Error('BatchGet left keys unprocessed after retries');
    return items;
  },

  /**
   * Puts and deletes in batches of 25, `concurrency` batches at a time, retrying unprocessed
   * items with backoff. Not atomic: for bulk data whose writes are idempotent (results, imports).
   */
  async batchWrite(requests: readonly WriteRequest[], concurrency = 4): Promise<void> {
    await mapConcurrently(chunks(requests, 25), concurrency, async (batch) => {
      let pending = batch;
      for (let attempt = 0; pending.length > 0; attempt++) {
        if (attempt >= 8) throw new Error('BatchWrite left items unprocessed after retries');
        if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 2 ** attempt * 25));
        const result = await documentClient.send(new BatchWriteCommand({ RequestItems: { [tableName]: pending } }));
        pending = (result.UnprocessedItems?.[tableName] ?? []) as WriteRequest[];
      }
    });
  },
};

const KEY_ATTRIBUTES = new Set(['PK', 'SK', 'GSI1PK', 'GSI1SK', 'GSI2PK', 'GSI2SK', 'type']);

/** A stored item without its table keys and type tag: the record the domain works with. */
export function recordOf<T>(item: Record<string, unknown> | undefined): T | undefined {
  if (!item) return undefined;
  const record: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(item)) if (!KEY_ATTRIBUTES.has(name)) record[name] = value;
  return record as T;
}
