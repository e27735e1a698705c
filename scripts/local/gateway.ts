import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import {
  buildHttpApiEvent,
  type GatewayResponse,
  MalformedLambdaResponseError,
  toGatewayResponse,
} from './apigw-event.ts';
import { closeServer, listenOnLoopback } from './http-server.ts';
import type { JwtAuthorization, JwtAuthorizer } from './jwt-authorizer.ts';
import { createLambdaContext, type HandlerLoader } from './lambda-runtime.ts';
import type { Logger } from './log.ts';
import { createRouter, type GatewayRoute } from './router.ts';

export interface GatewayOptions {
  routes: readonly GatewayRoute[];
  loadHandler: HandlerLoader;
  authorizer: JwtAuthorizer;
  log: Logger;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** API Gateway's integration timeout. */
  timeoutMs?: number;
}

export interface LocalGateway {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/** API Gateway's request payload limit. */
export const MAX_REQUEST_BYTES = 10 * 1024 * 1024;
/** Lambda's synchronous invocation payload limit (request event and response alike). */
export const MAX_LAMBDA_PAYLOAD_BYTES = 6 * 1024 * 1024;
const DEFAULT_TIMEOUT_MS = 29_000;
// Base64 grows a body by 4/3, and the rest of an event is a few KB: below this, it fits.
const BODY_SIZE_WORTH_CHECKING = 4 * 1024 * 1024;

const TOO_LARGE = Symbol('too large');
const TIMED_OUT = Symbol('timed out');

/** API Gateway's request ids look like `JKJaXmPLvHcESHA=`. */
function newRequestId(): string {
  return randomBytes(11).toString('base64');
}

function sendMessage(
  response: ServerResponse,
  statusCode: number,
  message: string,
  requestId: string,
  extra: Record<string, string> = {},
): void {
  const body = `{"message":"${message}"}`;
  response.writeHead(statusCode, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
    'apigw-requestid': requestId,
    ...extra,
  });
  response.end(body);
}

/** Reads the body up to `limit`; past it, the rest is drained and discarded so a 413 can be sent. */
function readBody(request: IncomingMessage, limit: number): Promise<Buffer | undefined | typeof TOO_LARGE> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) tooLarge = true;
      if (!tooLarge) chunks.push(chunk);
    });
    request.on('end', () => resolve(tooLarge ? TOO_LARGE : size === 0 ? undefined : Buffer.concat(chunks, size)));
    request.on('error', reject);
  });
}

/**
 * The local API Gateway (HTTP API): serves the route table, authorizes `user` routes like
 * the JWT authorizer, invokes each route's handler in-process with a payload 2.0 event and
 * maps its result back, with API Gateway's own answers for what never reaches a Lambda
 * (404, 401, 413) and for what goes wrong in one (500, 503). This path is benchmarked
 * against a direct DynamoDB call, so it stays lean: no framework, one pass per request.
 */
export async function startGateway(options: GatewayOptions): Promise<LocalGateway> {
  const route = createRouter(options.routes);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const { log } = options;

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const requestId = newRequestId();
    const timeEpoch = Date.now();
    const url = request.url ?? '/';
    const queryStart = url.indexOf('?');
    const rawPath = queryStart === -1 ? url : url.slice(0, queryStart);
    const rawQueryString = queryStart === -1 ? '' : url.slice(queryStart + 1);

    if (Number(request.headers['content-length'] ?? 0) > MAX_REQUEST_BYTES) {
      sendMessage(response, 413, 'Request Entity Too Large', requestId, { connection: 'close' });
      request.resume();
      return;
    }
    const match = route(request.method ?? 'GET', rawPath);
    if (!match) {
      sendMessage(response, 404, 'Not Found', requestId);
      return;
    }
    let authorization: JwtAuthorization | undefined;
    if (match.route.auth === 'user') {
      authorization = (await options.authorizer(request.headers.authorization)) ?? undefined;
      if (!authorization) {
        sendMessage(response, 401, 'Unauthorized', requestId, { 'www-authenticate': 'Bearer' });
        return;
      }
    }
    const body = await readBody(request, MAX_REQUEST_BYTES);
    if (body === TOO_LARGE) {
      sendMessage(response, 413, 'Request Entity Too Large', requestId);
      return;
    }
    const event = buildHttpApiEvent({
      request: {
        method: request.method ?? 'GET',
        rawPath,
        rawQueryString,
        rawHeaders: request.rawHeaders,
        body,
        sourceIp: (request.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, ''),
        localPort: request.socket.localPort ?? 0,
      },
      routeKey: match.routeKey,
      pathParameters: match.pathParameters,
      authorization,
      requestId,
      timeEpoch,
    });
    // Only a large body can push the event past Lambda's limit; other requests skip the serialization.
    if (
      body !== undefined &&
      body.length > BODY_SIZE_WORTH_CHECKING &&
      Buffer.byteLength(JSON.stringify(event)) > MAX_LAMBDA_PAYLOAD_BYTES
    ) {
      sendMessage(response, 413, 'Request Entity Too Large', requestId);
      return;
    }

    let result: unknown;
    try {
      result = await invoke(match.route, event);
    } catch (error) {
      log.error(`${match.route.id} (${match.routeKey}) failed`, error);
      sendMessage(response, 500, 'Internal Server Error', requestId);
      return;
    }
    if (result === TIMED_OUT) {
      log.error(`${match.route.id} (${match.routeKey}) did not answer within ${timeoutMs} ms`);
      sendMessage(response, 503, 'Service Unavailable', requestId);
      return;
    }
    let mapped: GatewayResponse;
    try {
      mapped = toGatewayResponse(result);
      if (
        mapped.body.length > MAX_LAMBDA_PAYLOAD_BYTES / 2 &&
        Buffer.byteLength(JSON.stringify(result)) > MAX_LAMBDA_PAYLOAD_BYTES
      ) {
        throw new MalformedLambdaResponseError('response payload exceeds Lambda’s 6 MB limit');
      }
    } catch (error) {
      log.error(`${match.route.id} (${match.routeKey}) returned a response API Gateway cannot use`, error);
      sendMessage(response, 500, 'Internal Server Error', requestId);
      return;
    }
    mapped.headers['content-length'] = String(mapped.body.length);
    mapped.headers['apigw-requestid'] = requestId;
    response.writeHead(mapped.statusCode, mapped.headers);
    response.end(mapped.body);
  }

  async function invoke(target: GatewayRoute, event: unknown): Promise<unknown> {
    const loaded = await options.loadHandler(target.handler);
    if (loaded.takeColdStart()) log.debug(`cold start ${target.id}: init ${loaded.initDurationMs.toFixed(0)} ms`);
    const context = createLambdaContext(target.id, loaded, timeoutMs);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<typeof TIMED_OUT>((resolve) => {
      timer = setTimeout(() => resolve(TIMED_OUT), timeoutMs);
    });
    try {
      return await Promise.race([Promise.resolve().then(() => loaded.handler(event, context)), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      log.error('local gateway failed to answer a request', error);
      if (!response.headersSent) sendMessage(response, 500, 'Internal Server Error', newRequestId());
      else response.destroy();
    });
  });
  const url = await listenOnLoopback(server, options.port);
  return {
    url,
    port: Number(new URL(url).port),
    async stop() {
      await closeServer(server);
    },
  };
}
