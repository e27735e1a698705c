// s3rver ships no types; this declares the part of its API the local stack uses.
declare module 's3rver' {
  import type { Server } from 'node:http';
  import type { AddressInfo } from 'node:net';

  interface S3rverOptions {
    address?: string;
    port?: number;
    directory: string;
    silent?: boolean;
    resetOnClose?: boolean;
    allowMismatchedSignatures?: boolean;
    vhostBuckets?: boolean;
    configureBuckets?: Array<{ name: string; configs?: Array<string | Buffer> }>;
  }

  /** What s3rver emits as `event` for each stored or removed object: an S3 notification. */
  export interface S3rverEvent {
    Records: Array<{
      eventTime: string;
      /** `ObjectCreated:Put`, `ObjectCreated:Post`, `ObjectCreated:Copy`, `ObjectRemoved:Delete`. */
      eventName: string;
      requestParameters: { sourceIPAddress: string };
      responseElements: { 'x-amz-request-id'?: string };
      s3: {
        bucket: { name: string };
        object: { key: string; size?: number; eTag?: string; sequencer: string };
      };
    }>;
  }

  /** The Koa context of a request, as far as the local stack's middleware uses it. */
  export interface S3rverContext {
    req: import('node:http').IncomingMessage;
    status: number;
    type: string;
    body: unknown;
  }

  export default class S3rver {
    /** Koa's middleware list, composed when the server starts listening. */
    middleware: Array<(ctx: S3rverContext, next: () => Promise<void>) => Promise<void>>;
    constructor(options: S3rverOptions);
    httpServer?: Server;
    /** Where objects live (a folder per bucket). */
    store: { existsObject(bucket: string, key: string): Promise<boolean> };
    run(): Promise<AddressInfo>;
    close(): Promise<void>;
    on(event: 'event', listener: (event: S3rverEvent) => void): this;
  }
}
