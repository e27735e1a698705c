import { gunzipSync, gzipSync } from 'node:zlib';
import { GetObjectCommand, NoSuchKey, PutObjectCommand } from '@aws-sdk/client-s3';
import { artifactsBucket, s3 } from '#shared/storage/s3';

// An analysis's objects in the artifacts bucket (apart from repository.ts, so that Lambdas that
// only read or move analysis records need no bucket).

/** Where an analysis keeps its results (`name` like `files.json`, `batches/0003.json`). */
export function resultKey(projectId: string, analysisId: string, name: string): string {
  return `analyses/${projectId}/${analysisId}/${name}`;
}

/**
 * Writes one JSON result object of an analysis (a retried task overwrites its own); gzipped
 * when its name ends in `.gz` (objects only tasks read, where size matters more than a glance).
 */
export async function putResult(projectId: string, analysisId: string, name: string, value: unknown): Promise<void> {
  const json = JSON.stringify(value);
  await s3.send(
    new PutObjectCommand({
      Bucket: artifactsBucket,
      Key: resultKey(projectId, analysisId, name),
      Body: name.endsWith('.gz') ? gzipSync(json) : json,
      ContentType: 'application/json',
    }),
  );
}

/** Reads one JSON result object of an analysis; undefined when that stage did not write it. */
export async function getResult<T>(projectId: string, analysisId: string, name: string): Promise<T | undefined> {
  try {
    const response = await s3.send(
      new GetObjectCommand({ Bucket: artifactsBucket, Key: resultKey(projectId, analysisId, name) }),
    );
    const bytes = Buffer.from(await response.Body!.transformToByteArray());
    return JSON.parse((name.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8')) as T;
  } catch (error) {
    if (error instanceof NoSuchKey || (error as Error).name === 'NoSuchKey') return undefined;
    throw error;
  }
}
