import { HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { ENV, requireEnv } from '#shared/config/env';

/** The artifacts bucket (reports, archives, document bodies). */
export const artifactsBucket = requireEnv(ENV.artifactsBucket);

/**
 * One S3 client per Lambda instance. Path-style addressing is a deployment setting
 * (S3_FORCE_PATH_STYLE) for S3-compatible endpoints that cannot serve bucket sub-domains.
 */
export const s3 = new S3Client({ forcePathStyle: process.env.S3_FORCE_PATH_STYLE === 'true' });

/** Whether the artifacts bucket holds `key` (a report already written, an upload done). */
export async function objectExists(key: string): Promise<boolean> {
  try {
    await s3.send(new HeadObjectCommand({ Bucket: artifactsBucket, Key: key }));
    return true;
  } catch (error) {
    if ((error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404) return false;
    throw error;
  }
}
