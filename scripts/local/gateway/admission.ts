import type { IncomingMessage } from 'node:http';
import * as api from '#shared/api/messages';
import * as http from '#shared/http/messages';
import { buildHttpApiEvent } from '../apigw-event.ts';
import type { JwtAuthorization, JwtAuthorizer } from '../jwt-authorizer.ts';
import type { RouteMatch } from '../router.ts';
import { GATEWAY_PROBLEMS, type GatewayProblem, MAX_LAMBDA_PAYLOAD_BYTES, MAX_REQUEST_BYTES } from './problems.ts';

// Base64 grows a body by 4/3, and the rest of an event is a few KB: below this, it fits.
const BODY_SIZE_WORTH_CHECKING = 4 * 1024 * 1024;

const TOO_LARGE = Symbol('too large');

/** A request the gateway forwards: its route and the payload 2.0 event for the handler. */
export interface AdmittedRequest {
  match: RouteMatch;
  event: unknown;
}

/** A request the gateway answers itself, never reaching a handler. */
export interface RejectedRequest {
  problem: GatewayProblem;
  headers?: Record<string, string>;
  /** Answered before the body was read: it is drained and discarded. */
  discardBody?: boolean;
}

/** The request line and arrival of one request, as the event reports them. */
export interface RequestLine {
  requestId: string;
  timeEpoch: number;
  rawPath: string;
  rawQueryString: string;
}

export interface AdmissionRules {
  route(method: string, path: string): RouteMatch | undefined;
  authorizer: JwtAuthorizer;
}

/** Splits a request URL into the path and the query string (without `?`), as API Gateway does. */
export function splitUrl(url: string): { rawPath: string; rawQueryString: string } {
  const queryStart = url.indexOf('?');
  return {
    rawPath: queryStart === -1 ? url : url.slice(0, queryStart),
    rawQueryString: queryStart === -1 ? '' : url.slice(queryStart + 1),
  };
}

/**
 * What API Gateway checks before it invokes a Lambda, in its order: the declared body size,
 * a matching route, the JWT of a `user` route, the body read, and the event within Lambda's
 * payload limit.
 */
export async function admitRequest(
  request: IncomingMessage,
  rules: AdmissionRules,
  line: RequestLine,
): Promise<AdmittedRequest | RejectedRequest> {
  if (Number(request.headers['content-length'] ?? 0) > MAX_REQUEST_BYTES) {
    return { problem: GATEWAY_PROBLEMS.tooLarge, headers: { connection: 'close' }, discardBody: true };
  }
  const match = rules.route(request.method ?? 'GET', line.rawPath);
  if (!match) {
    const detail = api.routeNotFound({ method: request.method ?? 'GET', path: line.rawPath });
    return { problem: { status: 404, code: 'ROUTE_NOT_FOUND', title: http.titleNotFound(), detail } };
  }
  let authorization: JwtAuthorization | undefined;
  if (match.route.auth === 'user') {
    const verdict = await rules.authorizer(request.headers.authorization);
    if ('rejected' in verdict) {
      const problem = { status: 401, code: verdict.rejected, title: http.titleUnauthorized(), detail: verdict.detail };
      return { problem, headers: { 'www-authenticate': 'Bearer' } };
    }
    authorization = verdict;
  }
  const body = await readBody(request, MAX_REQUEST_BYTES);
  if (body === TOO_LARGE) return { problem: GATEWAY_PROBLEMS.tooLarge };
  const event = buildHttpApiEvent({
    request: {
      method: request.method ?? 'GET',
      rawPath: line.rawPath,
      rawQueryString: line.rawQueryString,
      rawHeaders: request.rawHeaders,
      body,
      sourceIp: (request.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, ''),
      localPort: request.socket.localPort ?? 0,
    },
    routeKey: match.routeKey,
    pathParameters: match.pathParameters,
    authorization,
    requestId: line.requestId,
    timeEpoch: line.timeEpoch,
  });
  if (exceedsLambdaPayload(body, event)) return { problem: GATEWAY_PROBLEMS.eventTooLarge };
  return { match, event };
}

/** Only a large body can push the event past Lambda's limit; other requests skip the serialization. */
function exceedsLambdaPayload(body: Buffer | undefined, event: unknown): boolean {
  return (
    body !== undefined &&
    body.length > BODY_SIZE_WORTH_CHECKING &&
    Buffer.byteLength(JSON.stringify(event)) > MAX_LAMBDA_PAYLOAD_BYTES
  );
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
