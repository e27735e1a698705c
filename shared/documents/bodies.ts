import { createHash } from 'node:crypto';
import { DeleteObjectsCommand, GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { ulid } from 'ulid';
import { artifactsBucket, s3 } from '#shared/storage/s3';
import { chunks } from '#shared/utils/batches';

// Document bodies in the artifacts bucket (apart from repository.ts, so that Lambdas that only
// read metadata need no bucket). One object per save under a fresh ULID: two writers racing for
// the same version never overwrite each other's body, and the loser's object is removed.

/** A stored body: where it is, its size in bytes and its SHA-256 (hex). */
export interface StoredBody {
  bodyKey: string;
  size: number;
  sha256: string;
}

/** Bytes of `body` in UTF-8. */
export function bodyBytes(body: string): number {
  return Buffer.byteLength(body, 'utf8');
}

/** Stores one save's body under a new key. */
export async function putDocumentBody(projectId: string, documentId: string, body: string): Promise<StoredBody> {
  const bytes = Buffer.from(body, 'utf8');
  const bodyKey = `documents/${projectId}/${documentId}/${ulid().toLowerCase()}`;
  await s3.send(
    new PutObjectCommand({
      Bucket: artifactsBucket,
      Key: bodyKey,
      Body: bytes,
      ContentType: 'text/plain; charset=utf-8',
    }),
  );
  return { bodyKey, size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
}

/** The body stored under `bodyKey`. */
export async function getDocumentBody(bodyKey: string): Promise<string> {
  const response = await s3.send(new GetObjectCommand({ Bucket: artifactsBucket, Key: bodyKey }));
  return Buffer.from(await response.Body!.transformToByteArray()).toString('utf8');
}

/** Removes bodies (1,000 keys per call, S3's limit); keys already gone are no error. */
export async function deleteDocumentBodies(bodyKeys: readonly string[]): Promise<void> {
  for (const batch of chunks(bodyKeys, 1_000)) {
    await s3.send(
      new DeleteObjectsCommand({
        Bucket: artifactsBucket,
        Delete: { Objects: batch.map((Key) => ({ Key })), Quiet: true },
      }),
    );
  }
}
