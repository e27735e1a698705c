import { randomBytes } from 'node:crypto';
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { LOCAL_ACCOUNT_ID } from './aws-env.ts';
import type { JwtAuthorization } from './jwt-authorizer.ts';

/** The parts of an HTTP request the v2.0 event is built from. */
interface GatewayRequest {
  method: string;
  rawPath: string;
  rawQueryString: string;
  /** Node's `rawHeaders`: name, value, name, value… in arrival order. */
  rawHeaders: readonly string[];
  body: Buffer | undefined;
  sourceIp: string;
  localPort: number;
}

export interface EventInput {
  request: GatewayRequest;
  routeKey: string;
  pathParameters: Record<string, string> | undefined;
  authorization: JwtAuthorization | undefined;
  requestId: string;
  timeEpoch: number;
}

/** The local API's id, as `requestContext.apiId` and in the default domain name. */
const LOCAL_API_ID = 'local';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `requestContext.time` in API Gateway's CLF-style format, e.g. `12/Mar/2020:19:03:58 +0000`. */
function requestTime(epoch: number): string {
  const date = new Date(epoch);
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${pad(date.getUTCDate())}/${MONTHS[date.getUTCMonth()]}/${date.getUTCFullYear()}:${pad(date.getUTCHours())}:${pad(
    date.getUTCMinutes(),
  )}:${pad(date.getUTCSeconds())} +0000`;
}

/** An X-Ray trace header, as API Gateway adds one to every request it forwards. */
function traceId(epoch: number): string {
  return `Root=1-${Math.floor(epoch / 1000).toString(16)}-${randomBytes(12).toString('hex')}`;
}

/**
 * Content types API Gateway passes as text; every other body arrives base64-encoded with
 * `isBase64Encoded: true` (form posts included, a known HTTP API trait).
 */
function isTextContentType(contentType: string | undefined): boolean {
  if (contentType === undefined) return true;
  const type = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  return (
    type.startsWith('text/') ||
    type === 'application/json' ||
    type.endsWith('+json') ||
    type === 'application/xml' ||
    type.endsWith('+xml') ||
    type === 'application/javascript' ||
    type === 'application/yaml'
  );
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** Query parameters decoded, duplicates joined with commas (payload 2.0). */
function parseQuery(rawQueryString: string): Record<string, string> | undefined {
  if (rawQueryString === '') return undefined;
  const parameters: Record<string, string> = {};
  for (const pair of rawQueryString.split('&')) {
    if (pair === '') continue;
    const separator = pair.indexOf('=');
    const name = safeDecode(separator === -1 ? pair : pair.slice(0, separator));
    const value = separator === -1 ? '' : safeDecode(pair.slice(separator + 1));
    parameters[name] = name in parameters ? `${parameters[name]},${value}` : value;
  }
  return parameters;
}

/**
 * Builds the API Gateway HTTP API payload 2.0 event a route's Lambda receives: header
 * names lower-cased and duplicates comma-joined, cookies moved out of the headers, query
 * and path parameters decoded, the body base64-encoded unless it is text, and the JWT
 * authorizer's claims under `requestContext.authorizer.jwt`.
 */
export function buildHttpApiEvent(input: EventInput): APIGatewayProxyEventV2WithJWTAuthorizer {
  const { request } = input;
  const headers: Record<string, string> = {};
  let cookies: string[] | undefined;
  const raw = request.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) {
    const name = (raw[i] as string).toLowerCase();
    const value = raw[i + 1] as string;
    if (name === 'cookie') {
      cookies ??= [];
      for (const cookie of value.split(';')) if (cookie.trim() !== '') cookies.push(cookie.trim());
      continue;
    }
    headers[name] = name in headers ? `${headers[name]},${value}` : value;
  }
  // Headers API Gateway adds on its way to the integration.
  headers['x-forwarded-for'] = headers['x-forwarded-for']
    ? `${headers['x-forwarded-for']}, ${request.sourceIp}`
    : request.sourceIp;
  headers['x-forwarded-port'] = String(request.localPort);
  headers['x-forwarded-proto'] = 'http';
  headers['x-amzn-trace-id'] ??= traceId(input.timeEpoch);

  const domainName = headers.host ?? `${LOCAL_API_ID}.execute-api.localhost`;
  const hasBody = request.body !== undefined && request.body.length > 0;
  const text = hasBody && isTextContentType(headers['content-type']);

  const requestContext = {
    accountId: LOCAL_ACCOUNT_ID,
    apiId: LOCAL_API_ID,
    // Public routes have no authorizer entry at all.
    ...(input.authorization ? { authorizer: { jwt: input.authorization } } : {}),
    domainName,
    domainPrefix: domainName.split('.')[0] ?? domainName,
    http: {
      method: request.method,
      path: request.rawPath,
      protocol: 'HTTP/1.1',
      sourceIp: request.sourceIp,
      userAgent: headers['user-agent'] ?? '',
    },
    requestId: input.requestId,
    routeKey: input.routeKey,
    stage: '$default',
    time: requestTime(input.timeEpoch),
    timeEpoch: input.timeEpoch,
  };
  // The aws-lambda type models only routes with an authorizer (and adds Lambda-authorizer
  // fields that a JWT authorizer does not send).
  const event = {
    version: '2.0',
    routeKey: input.routeKey,
    rawPath: request.rawPath,
    rawQueryString: request.rawQueryString,
    headers,
    requestContext,
    isBase64Encoded: hasBody && !text,
  } as APIGatewayProxyEventV2WithJWTAuthorizer;
  if (cookies) event.cookies = cookies;
  const query = parseQuery(request.rawQueryString);
  if (query) event.queryStringParameters = query;
  if (input.pathParameters) event.pathParameters = input.pathParameters;
  if (hasBody)
    event.body = text ? (request.body as Buffer).toString('utf8') : (request.body as Buffer).toString('base64');
  return event;
}

/** A route response, ready to write. */
export interface GatewayResponse {
  statusCode: number;
  headers: Record<string, string | string[]>;
  body: Buffer;
}

/** The Lambda result could not be read as an HTTP response: API Gateway answers 500. */
export class MalformedLambdaResponseError extends Error {}

function headerValue(name: string, value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new MalformedLambdaResponseError(`header ${name} has a non-scalar value`);
}

/**
 * Reads a Lambda result the way API Gateway reads payload 2.0 responses: an object with
 * `statusCode` is a response (headers, multiValueHeaders, cookies → set-cookie, body,
 * isBase64Encoded); anything else is a 200 `application/json` whose body is the result
 * (a string as is, other values as JSON).
 */
export function toGatewayResponse(result: unknown): GatewayResponse {
  if (typeof result !== 'object' || result === null || Array.isArray(result) || !('statusCode' in result)) {
    const body = typeof result === 'string' ? result : (JSON.stringify(result) ?? 'null');
    return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: Buffer.from(body) };
  }
  const response = result as {
    statusCode: unknown;
    headers?: Record<string, unknown>;
    multiValueHeaders?: Record<string, unknown>;
    cookies?: unknown;
    body?: unknown;
    isBase64Encoded?: unknown;
  };
  const statusCode = response.statusCode;
  if (typeof statusCode !== 'number' || !Number.isInteger(statusCode) || statusCode < 100 || statusCode > 599) {
    throw new MalformedLambdaResponseError(`invalid statusCode ${JSON.stringify(statusCode)}`);
  }
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(response.headers ?? {})) {
    if (value !== undefined && value !== null) headers[name.toLowerCase()] = headerValue(name, value);
  }
  for (const [name, values] of Object.entries(response.multiValueHeaders ?? {})) {
    if (!Array.isArray(values)) throw new MalformedLambdaResponseError(`multiValueHeaders.${name} is not an array`);
    const key = name.toLowerCase();
    const joined = values.map((value) => headerValue(name, value)).join(',');
    headers[key] = key in headers ? `${headers[key] as string},${joined}` : joined;
  }
  if (response.cookies !== undefined) {
    if (!Array.isArray(response.cookies) || !response.cookies.every((cookie) => typeof cookie === 'string')) {
      throw new MalformedLambdaResponseError('cookies must be an array of strings');
    }
    if (response.cookies.length > 0) headers['set-cookie'] = response.cookies as string[];
  }
  let body = Buffer.alloc(0);
  if (response.body !== undefined && response.body !== null) {
    if (typeof response.body !== 'string') throw new MalformedLambdaResponseError('body must be a string');
    body = response.isBase64Encoded === true ? Buffer.from(response.body, 'base64') : Buffer.from(response.body);
  }
  return { statusCode, headers, body };
}
