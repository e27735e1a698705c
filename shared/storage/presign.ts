import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';

/**
 * The client that signs URLs handed to callers. Checksums only when an operation requires
 * one: by default the SDK would bake the CRC32 of an empty body into a presigned PUT
 * (`x-amz-checksum-crc32=AAAAAA==`), and S3 would then refuse every real upload to it.
 */
const signer = new S3Client({
  forcePathStyle: process.env.S3_FORCE_PATH_STYLE === 'true',
  requestChecksumCalculation: 'WHEN_REQUIRED',
  responseChecksumValidation: 'WHEN_REQUIRED',
});

export interface PresignedUrl {
  url: string;
  /** ISO timestamp after which S3 refuses the URL. */
  expiresAt: string;
}

/** A presigned PUT and the headers its signature covers: the upload must send them as they are. */
export interface PresignedUpload extends PresignedUrl {
  headers: { 'content-length': string; 'if-none-match': '*'; 'content-type'?: string };
}

/**
 * A URL a caller can PUT one object to, once, until it expires. Both limits are signed
 * headers, so S3 enforces them: `Content-Length` (an upload of any other size is refused,
 * 403) and `If-None-Match: *` (S3's conditional write: a second PUT onto the stored object
 * is refused, 412, and the first upload stays as it was).
 */
export async function presignedPut(
  bucket: string,
  key: string,
  options: { expiresInSeconds: number; contentLength: number; contentType?: string },
): Promise<PresignedUpload> {
  const command = new PutObjectCommand({
    Bucket: bucket,
    Key: key,
    ContentLength: options.contentLength,
    IfNoneMatch: '*',
    // Signed too when given: the object is stored with the type its uploader declared, no other.
    ...(options.contentType !== undefined ? { ContentType: options.contentType } : {}),
  });
  const signed = await sign(command, options.expiresInSeconds);
  const headers: PresignedUpload['headers'] = { 'content-length': String(options.contentLength), 'if-none-match': '*' };
  if (options.contentType !== undefined) headers['content-type'] = options.contentType;
  return { ...signed, headers };
}

/**
 * A URL a caller can GET one object from, until it expires. `contentType` and
 * `contentDisposition` are signed response overrides: S3 answers with them whatever the object
 * was stored with (a download, not a page, for content a browser would run).
 */
export async function presignedGet(
  bucket: string,
  key: string,
  options: { expiresInSeconds: number; contentType?: string; contentDisposition?: string },
): Promise<PresignedUrl> {
  const command = new GetObjectCommand({
    Bucket: bucket,
    Key: key,
    ...(options.contentType !== undefined ? { ResponseContentType: options.contentType } : {}),
    ...(options.contentDisposition !== undefined ? { ResponseContentDisposition: options.contentDisposition } : {}),
  });
  return sign(command, options.expiresInSeconds);
}

/** Headers the command sets (Content-Length, If-None-Match) are signed: the caller must send them as they are. */
async function sign(command: PutObjectCommand | GetObjectCommand, expiresInSeconds: number): Promise<PresignedUrl> {
  const signedAt = Date.now();
  const url = await getSignedUrl(signer, command, { expiresIn: expiresInSeconds });
  return { url, expiresAt: new Date(signedAt + expiresInSeconds * 1000).toISOString() };
}
