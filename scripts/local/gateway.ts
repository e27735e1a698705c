import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { type Problem, problemBody } from '#shared/http/problem-body';
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

/** A problem the gateway answers itself, before or instead of a handler. */
type GatewayProblem = Omit<Problem, 'headers' | 'errors'>;

const GATEWAY_PROBLEMS = {
  tooLarge: {
    status: 413,
    code: 'PAYLOAD_TOO_LARGE',
    title: 'Payload too large',
    detail: `The request body exceeds API Gateway's limit of ${MAX_REQUEST_BYTES / 1024 / 1024} MB.`,
  },
  eventTooLarge: {
    status: 413,
    code: 'PAYLOAD_TOO_LARGE',
    title: 'Payload too large',
    detail: `The request, encoded for Lambda, exceeds Lambda's ${MAX_LAMBDA_PAYLOAD_BYTES / 1024 / 1024} MB payload limit.`,
  },
  internal: {
    status: 500,
    code: 'INTERNAL_ERROR',
    title: 'Internal server error',
    detail: 'The request could not be completed; quote the requestId when reporting it.',
  },
} satisfies Record<string, GatewayProblem>;

function sendProblem(
  response: ServerResponse,
  problem: GatewayProblem,
  context: { requestId: string; instance: string },
  extra: Record<string, string> = {},
): void {
  const body = JSON.stringify(problemBody(problem, context));
  response.writeHead(problem.status, {
    'content-type': 'application/problem+json',
    'content-length': Buffer.byteLength(body),
    'apigw-requestid': context.requestId,
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
 * maps its result back. What never reaches a Lambda (404, 401, 413) and what goes wrong in
 * one (500, 503) get API Gateway's status codes, but as problem+json with a `code` and a
 * reason like the handlers' answers (API Gateway's own `{"message"}` bodies say too little
 * to debug a local setup with, e.g. a token from before a restart). This path is benchmarked
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
    const context = { requestId, instance: rawPath };

    if (Number(request.headers['content-length'] ?? 0) > MAX_REQUEST_BYTES) {
      sendProblem(response, GATEWAY_PROBLEMS.tooLarge, context, { connection: 'close' });
      request.resume();
      return;
    }
    const match = route(request.method ?? 'GET', rawPath);
    if (!match) {
      const detail = `No route matches ${request.method} ${rawPath}; GET /v1/openapi.json lists every route.`;
      sendProblem(response, { status: 404, code: 'ROUTE_NOT_FOUND', title: 'Not found', detail }, context);
      return;
    }
    let authorization: JwtAuthorization | undefined;
    if (match.route.auth === 'user') {
      const verdict = await options.authorizer(request.headers.authorization);
      if ('rejected' in verdict) {
        const problem = { status: 401, code: verdict.rejected, title: 'Unauthorized', detail: verdict.detail };
        sendProblem(response, problem, context, { 'www-authenticate': 'Bearer' });
        return;
      }
      authorization = verdict;
    }
    const body = await readBody(request, MAX_REQUEST_BYTES);
    if (body === TOO_LARGE) {
      sendProblem(response, GATEWAY_PROBLEMS.tooLarge, context);
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
      sendProblem(response, GATEWAY_PROBLEMS.eventTooLarge, context);
      return;
    }

    let result: unknown;
    try {
      result = await invoke(match.route, event);
    } catch (error) {
      log.error(`${match.route.id} (${match.routeKey}) failed`, error);
      sendProblem(response, GATEWAY_PROBLEMS.internal, context);
      return;
    }
    if (result === TIMED_OUT) {
      log.error(`${match.route.id} (${match.routeKey}) did not answer within ${timeoutMs} ms`);
      const detail = `The handler did not answer within ${timeoutMs / 1000} s.`;
      sendProblem(
        response,
        { status: 503, code: 'SERVICE_UNAVAILABLE', title: 'Service unavailable', detail },
        context,
      );
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
      sendProblem(response, GATEWAY_PROBLEMS.internal, context);
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
      const context = { requestId: newRequestId(), instance: request.url ?? '/' };
      if (!response.headersSent) sendProblem(response, GATEWAY_PROBLEMS.internal, context);
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
