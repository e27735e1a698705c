import { HeadBucketCommand } from '@aws-sdk/client-s3';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient, tableName } from '#shared/data/client';
import { logger } from '#shared/observability';
import { artifactsBucket, s3 } from '#shared/storage/s3';

const CHECK_TIMEOUT_MS = 2000;

interface CheckResult {
  status: 'ok' | 'failed';
  latencyMs: number;
}

/** Probes each dependency the API needs, in parallel, each within a deadline. */
export async function checkHealth(): Promise<{ status: 'ok' | 'degraded'; checks: Record<string, CheckResult> }> {
  const [table, bucket] = await Promise.all([
    probe('table', (signal) =>
      documentClient.send(new GetCommand({ TableName: tableName, Key: { PK: 'HEALTH', SK: 'HEALTH' } }), {
        abortSignal: signal,
      }),
    ),
    probe('artifactsBucket', (signal) =>
      s3.send(new HeadBucketCommand({ Bucket: artifactsBucket }), { abortSignal: signal }),
    ),
  ]);
  const checks = { table, artifactsBucket: bucket };
  return { status: table.status === 'ok' && bucket.status === 'ok' ? 'ok' : 'degraded', checks };
}

async function probe(name: string, call: (signal: AbortSignal) => Promise<unknown>): Promise<CheckResult> {
  const started = performance.now();
  try {
    await call(AbortSignal.timeout(CHECK_TIMEOUT_MS));
    return { status: 'ok', latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    logger.warn('Health check failed', { check: name, error });
    return { status: 'failed', latencyMs: Math.round(performance.now() - started) };
  }
}
