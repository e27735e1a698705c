import { createHash, createHmac, randomBytes } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { join } from 'node:path';
import { SignatureV4 } from '@smithy/signature-v4';
import S3rver, { type S3rverContext, type S3rverEvent } from 's3rver';
import { LOCAL_ACCOUNT_ID, LOCAL_CREDENTIALS } from './aws-env.ts';
import type { ServiceEvent } from './event-bus.ts';
import type { Logger } from './log.ts';

/** Takes an event S3 emits onto the account's default bus. */
type S3EventSink = (event: ServiceEvent) => Promise<unknown>;

export interface S3Local {
  endpoint: string;
  /**
   * From now on, every object created is announced to `sink` as S3 does to EventBridge for a
   * bucket with EventBridge notifications on (`aws.s3` / `Object Created`). Set once the bus
   * exists: nothing writes objects before the handlers run.
   */
  sendEventsTo(sink: S3EventSink): void;
  stop(): Promise<void>;
}

/** s3rver's record kinds (`ObjectCreated:<kind>`) and the `reason` S3 gives EventBridge for each. */
const CREATED_REASONS: Record<string, string> = {
  Put: 'PutObject',
  Post: 'POST Object',
  Copy: 'CopyObject',
};

/**
 * Starts s3rver in-process on `<dataDir>/s3` (objects are plain files there) and creates
 * the artifacts bucket if missing. In-process because it is plain Node: no extra process
 * to start, watch and reap. s3rver emits S3 notification records for what it stores; they
 * are turned into the EventBridge shape and handed to the sink (see `sendEventsTo`).
 * s3rver checks no SigV4 signature at all; presigned URLs (query-string SigV4, the URLs the
 * API hands out) are checked here as S3 checks them, so a URL S3 would refuse (a signed
 * Content-Length not matching, a tampered key) is refused locally too. So are conditional
 * writes (`If-None-Match: *`, which s3rver ignores): a PUT onto an existing object is a 412.
 */
export async function startS3Local(options: {
  dataDir: string;
  port?: number;
  bucketName: string;
  log?: Logger;
}): Promise<S3Local> {
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
  // First in the chain: s3rver composes its middleware when it starts listening.
  server.middleware.unshift(async (ctx, next) => {
    const problem = await presignedSignatureProblem(ctx.req);
    if (problem === undefined) return next();
    ctx.status = 403;
    ctx.type = 'application/xml';
    ctx.body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>SignatureDoesNotMatch</Code><Message>${problem}</Message></Error>`;
  });
  // Second: a request that passed authentication, as S3 checks preconditions after it.
  server.middleware.splice(1, 0, refuseOverwrites(server));
  let sink: S3EventSink | undefined;
  server.on('event', (notification) => {
    if (!sink) return;
    for (const record of notification.Records) {
      const event = objectCreated(record);
      if (!event) continue;
      sink(event).catch((error: unknown) =>
        options.log?.error('publishing an S3 event to the local bus failed', error),
      );
    }
  });
  const address = await server.run();
  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    sendEventsTo(target) {
      sink = target;
    },
    async stop() {
      // Handlers' SDK clients keep connections alive; close() alone would wait for them.
      server.httpServer?.closeAllConnections();
      await server.close();
    },
  };
}

/**
 * S3's conditional write (PutObject with `If-None-Match: *`, since 2024): refused with 412
 * PreconditionFailed when the key holds an object already, the stored object untouched. PUTs
 * to one key take turns here, so of two racing conditional PUTs exactly one wins, as in S3.
 */
function refuseOverwrites(server: S3rver): (ctx: S3rverContext, next: () => Promise<void>) => Promise<void> {
  const turns = new Map<string, Promise<void>>();
  return async (ctx, next) => {
    const target = conditionalPut(ctx.req);
    if (target === undefined) return next();
    const id = `${target.bucket}/${target.key}`;
    const previous = turns.get(id) ?? Promise.resolve();
    let done = () => {};
    const mine = new Promise<void>((resolve) => {
      done = resolve;
    });
    turns.set(id, mine);
    await previous;
    try {
      if (await server.store.existsObject(target.bucket, target.key)) {
        ctx.status = 412;
        ctx.type = 'application/xml';
        ctx.body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>PreconditionFailed</Code><Message>At least one of the pre-conditions you specified did not hold</Message><Condition>If-None-Match</Condition></Error>`;
        return;
      }
      await next();
    } finally {
      done();
      if (turns.get(id) === mine) turns.delete(id);
    }
  };
}

/** The bucket and key of a path-style PutObject with `If-None-Match: *`; undefined for anything else. */
function conditionalPut(request: IncomingMessage): { bucket: string; key: string } | undefined {
  if (request.method !== 'PUT' || request.headers['if-none-match'] !== '*') return undefined;
  const url = new URL(request.url ?? '/', 'http://s3.local');
  // Parts of a multipart upload are not objects (the condition applies when it completes).
  if (url.searchParams.has('uploadId')) return undefined;
  const [, bucket, ...key] = url.pathname.split('/');
  if (!bucket || key.length === 0) return undefined;
  return { bucket: decodeURIComponent(bucket), key: decodeURIComponent(key.join('/')) };
}

/**
 * The `Object Created` event S3 puts on EventBridge for a stored object (S3 user guide,
 * "EventBridge message structure"); undefined for removals.
 */
function objectCreated(record: S3rverEvent['Records'][number]): ServiceEvent | undefined {
  const [category, kind] = record.eventName.split(':');
  if (category !== 'ObjectCreated' || kind === undefined) return undefined;
  const { bucket, object } = record.s3;
  return {
    source: 'aws.s3',
    detailType: 'Object Created',
    resources: [`arn:aws:s3:::${bucket.name}`],
    time: new Date(record.eventTime),
    detail: {
      version: '0',
      bucket: { name: bucket.name },
      object: {
        key: object.key,
        ...(object.size === undefined ? {} : { size: Number(object.size) }),
        ...(object.eTag === undefined ? {} : { etag: object.eTag }),
        sequencer: object.sequencer,
      },
      'request-id': record.responseElements['x-amz-request-id'] ?? randomBytes(8).toString('hex').toUpperCase(),
      requester: LOCAL_ACCOUNT_ID,
      'source-ip-address': record.requestParameters.sourceIPAddress,
      reason: CREATED_REASONS[kind] ?? kind,
    },
  };
}

/** SHA-256 (and its HMAC) for the signer, from node:crypto. */
class Sha256 {
  private readonly hash;
  constructor(secret?: SourceData) {
    this.hash = secret === undefined ? createHash('sha256') : createHmac('sha256', bytesOf(secret));
  }
  update(data: SourceData): void {
    this.hash.update(bytesOf(data));
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.hash.digest());
  }
}

type SourceData = string | ArrayBuffer | ArrayBufferView;

function bytesOf(data: SourceData): string | Uint8Array {
  if (typeof data === 'string') return data;
  return ArrayBuffer.isView(data)
    ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
    : new Uint8Array(data);
}

/**
 * Why a query-string-signed (presigned) request would be refused by S3, or undefined when it
 * is not presigned or its signature holds: the request is signed again with the local
 * credentials, the same date, scope and signed headers (their values as received), and the
 * signatures compared. Expiry is s3rver's own check.
 */
async function presignedSignatureProblem(request: IncomingMessage): Promise<string | undefined> {
  const url = new URL(request.url ?? '/', 'http://s3.local');
  const params = url.searchParams;
  if (!params.has('X-Amz-Algorithm')) return undefined;
  const provided = params.get('X-Amz-Signature');
  const scope = params.get('X-Amz-Credential')?.split('/') ?? [];
  const date = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(params.get('X-Amz-Date') ?? '');
  const signedHeaders = params.get('X-Amz-SignedHeaders')?.split(';') ?? [];
  if (!provided || scope.length !== 5 || !date || signedHeaders.length === 0) {
    return 'The presigned URL lacks X-Amz-Signature, X-Amz-Credential, X-Amz-Date or X-Amz-SignedHeaders.';
  }
  const headers: Record<string, string> = {};
  for (const name of signedHeaders) {
    const value = request.headers[name];
    if (value === undefined) return `The signed header ${name} is missing from the request.`;
    headers[name] = Array.isArray(value) ? value.join(',') : value;
  }
  const query: Record<string, string> = {};
  for (const [name, value] of params)
    if (name !== 'X-Amz-Signature' && name !== 'X-Amz-Content-Sha256') query[name] = value;
  // The payload hash is signed as a header (the SDK hoists it into the query).
  headers['X-Amz-Content-Sha256'] = params.get('X-Amz-Content-Sha256') ?? 'UNSIGNED-PAYLOAD';
  const [, year, month, day, hours, minutes, seconds] = date.map(Number) as number[];
  const signer = new SignatureV4({
    credentials: LOCAL_CREDENTIALS,
    region: scope[2] as string,
    service: scope[3] as string,
    sha256: Sha256,
    uriEscapePath: false,
    applyChecksum: false,
  });
  const signed = await signer.presign(
    {
      method: request.method ?? 'GET',
      protocol: 'http:',
      hostname: url.hostname,
      path: url.pathname,
      query,
      headers,
    },
    {
      signingDate: new Date(Date.UTC(year as number, (month as number) - 1, day, hours, minutes, seconds)),
      expiresIn: Number(params.get('X-Amz-Expires')),
      signableHeaders: new Set(signedHeaders),
    },
  );
  return signed.query?.['X-Amz-Signature'] === provided
    ? undefined
    : 'The request signature we calculated does not match the signature you provided.';
}
