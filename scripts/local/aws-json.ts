import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { z } from 'zod';
import { closeServer, listenOnLoopback, readBody, sendAwsJson } from './http-server.ts';
import type { Logger } from './log.ts';
import { ServiceError } from './step-functions/service-error.ts';

/** One operation of a local AWS JSON-protocol endpoint: the parsed request in, the answer out (ServiceError for AWS errors). */
export type AwsJsonOperation = (request: unknown) => unknown;

export interface AwsJsonServer {
  endpoint: string;
  stop(): Promise<void>;
}

/**
 * A local endpoint speaking the AWS JSON protocol (`POST /`, `X-Amz-Target: <prefix><Operation>`,
 * JSON in and out, errors as 400 `{ __type, message }`), for the operations given. Step
 * Functions (1.0) and KMS (1.1) are served this way.
 */
export async function startAwsJsonServer(options: {
  /** Names the service in messages (`the local KMS does not implement …`). */
  service: string;
  targetPrefix: string;
  protocolVersion: '1.0' | '1.1';
  maxRequestBytes: number;
  operations: Readonly<Record<string, AwsJsonOperation>>;
  /** The `__type` of an unexpected failure (`InternalFailure`, `KMSInternalException`). */
  internalErrorType: string;
  port?: number;
  log: Logger;
}): Promise<AwsJsonServer> {
  const { operations, protocolVersion } = options;
  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      options.log.error(`local ${options.service} request failed`, error);
      if (!response.headersSent) {
        sendAwsJson(response, 500, { __type: options.internalErrorType, message: 'Internal error' }, protocolVersion);
      }
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const target = request.headers['x-amz-target'];
    const body = await readBody(request);
    try {
      const name =
        typeof target === 'string' && target.startsWith(options.targetPrefix)
          ? target.slice(options.targetPrefix.length)
          : '';
      const perform = Object.hasOwn(operations, name) ? operations[name] : undefined;
      if (request.method !== 'POST' || !perform) {
        throw new ServiceError(
          'UnknownOperationException',
          `The local ${options.service} does not implement ${String(target)}; it implements ${Object.keys(operations).join(', ')}`,
        );
      }
      if (body.length > options.maxRequestBytes) {
        throw new ServiceError('ValidationException', 'The request is too large');
      }
      let parsed: unknown;
      try {
        parsed = body.length === 0 ? {} : JSON.parse(body.toString('utf8'));
      } catch {
        throw new ServiceError('SerializationException', 'The request body is not valid JSON');
      }
      sendAwsJson(response, 200, await perform(parsed), protocolVersion);
    } catch (error) {
      if (!(error instanceof ServiceError)) throw error;
      sendAwsJson(response, 400, { __type: error.type, message: error.message }, protocolVersion);
    }
  }

  const endpoint = await listenOnLoopback(server, options.port);
  return { endpoint, stop: () => closeServer(server) };
}

/** The request as `schema` reads it; a mismatch is the ValidationException AWS answers. */
export function parseRequest<Schema extends z.ZodType>(schema: Schema, body: unknown): z.infer<Schema> {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `Value at '${issue.path.join('.')}' ${issue.message}`);
  throw new ServiceError(
    'ValidationException',
    `${problems.length} validation error(s) detected: ${problems.join('; ')}`,
  );
}
