import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import S3rver from 's3rver';

export interface S3Local {
  endpoint: string;
  stop(): Promise<void>;
}

/**
 * Starts s3rver in-process on `<dataDir>/s3` (objects are plain files there) and creates
 * the artifacts bucket if missing. In-process because it is plain Node: no extra process
 * to start, watch and reap.
 */
export async function startS3Local(options: { dataDir: string; port?: number; bucketName: string }): Promise<S3Local> {
  const directory = join(options.dataDir, 's3');
  await mkdir(directory, { recursive: true });
  const server = new S3rver({
    address: '127.0.0.1',
    port: options.port ?? 0,
    directory,
    silent: true,
    // Idempotent: an existing bucket and its objects are kept.
    configureBuckets: [{ name: options.bucketName }],
  });
  const address = await server.run();
  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    async stop() {
      // Handlers' SDK clients keep connections alive; close() alone would wait for them.
      server.httpServer?.closeAllConnections();
      await server.close();
    },
  };
}
