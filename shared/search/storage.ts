import { promisify } from 'node:util';
import { gunzip, gzip } from 'node:zlib';
import { GetObjectCommand, type GetObjectCommandOutput, PutObjectCommand } from '@aws-sdk/client-s3';
import { ProjectSearchIndex } from '#shared/search/index';
import { searchIndexKey } from '#shared/search/layout';
import { artifactsBucket, s3 } from '#shared/storage/s3';

// Each project's search index is one gzipped JSON object of the artifacts bucket. A Lambda
// instance keeps the indexes it read in memory and revalidates one per use with a conditional
// GET (If-None-Match on its ETag): an unchanged index costs one 304, a changed one is read
// again. Only the indexing consumer writes, one project at a time (the FIFO group).

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

interface CachedIndex {
  readonly etag: string;
  readonly index: ProjectSearchIndex;
  /** Stored bytes (gzipped), for the size figures of docs/search.md. */
  readonly storedBytes: number;
}

/** Indexes this instance read or wrote, by project. */
const cache = new Map<string, CachedIndex>();

/** A loaded index and what identifies its stored version. */
export interface LoadedIndex {
  readonly index: ProjectSearchIndex;
  readonly etag: string;
  readonly storedBytes: number;
  /** Whether the object was read now (false: the cached copy was still current). */
  readonly read: boolean;
}

function statusOf(error: unknown): number | undefined {
  return (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
}

/** Reads of an index whose bytes do not decode before giving up on it (see `readStoredIndex`). */
const UNDECODABLE_READS = 3;

/**
 * The project's current index: the cached copy when S3 says it is unchanged, else the stored
 * object. Undefined when there is none, or it is in another format (the caller rebuilds).
 */
export async function loadSearchIndex(projectId: string): Promise<LoadedIndex | undefined> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await readStoredIndex(projectId);
    } catch (error) {
      // S3 replaces an object atomically, but an emulator may serve it while it is being
      // written (s3rver streams into the file): bytes that do not gunzip are read again.
      if (!(error instanceof UndecodableIndexError) || attempt === UNDECODABLE_READS) throw error;
    }
  }
}

class UndecodableIndexError extends Error {}

async function readStoredIndex(projectId: string): Promise<LoadedIndex | undefined> {
  const cached = cache.get(projectId);
  let response: GetObjectCommandOutput;
  try {
    response = await s3.send(
      new GetObjectCommand({
        Bucket: artifactsBucket,
        Key: searchIndexKey(projectId),
        ...(cached ? { IfNoneMatch: cached.etag } : {}),
      }),
    );
  } catch (error) {
    const status = statusOf(error);
    if (status === 304 && cached) return { ...cached, read: false };
    if (status === 404 || (error as Error).name === 'NoSuchKey') {
      cache.delete(projectId);
      return undefined;
    }
    throw error;
  }
  const stored = Buffer.from(await response.Body!.transformToByteArray());
  let index: ProjectSearchIndex | undefined;
  try {
    index = ProjectSearchIndex.deserialize((await gunzipAsync(stored)).toString('utf8'));
  } catch (error) {
    cache.delete(projectId);
    throw new UndecodableIndexError(`The search index of ${projectId} does not decode`, { cause: error });
  }
  if (!index || !response.ETag) {
    cache.delete(projectId);
    return undefined;
  }
  const loaded: CachedIndex = { etag: response.ETag, index, storedBytes: stored.length };
  cache.set(projectId, loaded);
  return { ...loaded, read: true };
}

/** Writes the project's index (and keeps it as this instance's current copy). */
export async function saveSearchIndex(index: ProjectSearchIndex): Promise<void> {
  const stored = await gzipAsync(Buffer.from(await index.serialize(), 'utf8'));
  const response = await s3.send(
    new PutObjectCommand({
      Bucket: artifactsBucket,
      Key: searchIndexKey(index.projectId),
      Body: stored,
      ContentType: 'application/gzip',
    }),
  );
  if (response.ETag) cache.set(index.projectId, { etag: response.ETag, index, storedBytes: stored.length });
  else cache.delete(index.projectId);
}

/** Drops this instance's copy of a project's index (after a change to it failed to save). */
export function forgetSearchIndex(projectId: string): void {
  cache.delete(projectId);
}
