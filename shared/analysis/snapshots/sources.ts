import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { PassThrough, Readable } from 'node:stream';
import { GetObjectCommand, HeadObjectCommand, type S3Client } from '@aws-sdk/client-s3';

// Where an archive's bytes come from. Both readers take byte ranges: tar.gz streams the whole
// range, zip reads its central directory and each entry with ranged reads, so neither holds the
// archive in memory.

/** An archive of known size whose bytes can be streamed by range. */
export interface ArchiveSource {
  /** Total bytes (the compressed size). */
  readonly size: number;
  /** Streams bytes [start, end) of the archive. */
  stream(start: number, end: number): Readable;
}

/** An archive held in memory (tests, small inputs). */
export function bufferSource(bytes: Buffer): ArchiveSource {
  return { size: bytes.length, stream: (start, end) => Readable.from([bytes.subarray(start, end)]) };
}

/** An archive in a local file (Lambda /tmp, local mode, tests). */
export async function fileSource(path: string): Promise<ArchiveSource> {
  const { size } = await stat(path);
  return {
    size,
    // An empty range would make fs read to the end (end is inclusive there).
    stream: (start, end) => (end > start ? createReadStream(path, { start, end: end - 1 }) : Readable.from([])),
  };
}

/**
 * An archive in S3, read with ranged GetObject. Every range is bound to the ETag seen first
 * (`If-Match`), so an object replaced between two reads fails instead of mixing two archives.
 */
export async function s3Source(client: S3Client, location: { bucket: string; key: string }): Promise<ArchiveSource> {
  const head = await client.send(new HeadObjectCommand({ Bucket: location.bucket, Key: location.key }));
  const size = head.ContentLength ?? 0;
  const etag = head.ETag;
  return {
    size,
    stream(start, end) {
      // yauzl and the tar reader want a stream now; the GetObject answer arrives later.
      const out = new PassThrough();
      if (end <= start) {
        out.end();
        return out;
      }
      const command = new GetObjectCommand({
        Bucket: location.bucket,
        Key: location.key,
        Range: `bytes=${start}-${end - 1}`,
        IfMatch: etag,
      });
      client.send(command).then(
        (response) => {
          const body = response.Body as Readable | undefined;
          if (body === undefined) out.destroy(new Error('S3 returned no body'));
          else {
            body.on('error', (error) => out.destroy(error));
            out.on('close', () => body.destroy());
            body.pipe(out);
          }
        },
        (error: unknown) => out.destroy(error as Error),
      );
      return out;
    },
  };
}
