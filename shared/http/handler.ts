import middy from '@middy/core';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyResultV2, Context } from 'aws-lambda';
import type * as z from 'zod/mini';
import type { RouteDefinition, SuccessStatusOf } from '#shared/api/route-definition';
import { type AuthContext, authContextFromEvent } from '#shared/auth/context';
import { AppError, UnsupportedMediaTypeError, ValidationError } from '#shared/http/errors';
import { idempotencyKeyOf } from '#shared/http/idempotency';
import * as m from '#shared/http/messages';
import { errorToProblemResponse } from '#shared/http/problem';
import { issuesToFieldErrors } from '#shared/http/validation';
import { currentLocale, type LocalizedText, withLocale } from '#shared/i18n/catalogue';
import { negotiateLocale } from '#shared/i18n/locale';
import { flushMetrics, logger } from '#shared/observability';

type Schema = z.ZodMiniType;
type Infer<S> = S extends Schema ? z.infer<S> : undefined;
type Event = APIGatewayProxyEventV2WithJWTAuthorizer;

/** What a route handler receives: validated input, the caller, and request metadata. */
export interface HttpRequest<R extends RouteDefinition> {
  params: Infer<NonNullable<R['request']>['params']>;
  query: Infer<NonNullable<R['request']>['query']>;
  body: Infer<NonNullable<R['request']>['body']>;
  /** The caller; on public routes only present when a verified token came along (never). */
  auth: R['auth'] extends 'user' ? AuthContext : undefined;
  headers: Readonly<Record<string, string | undefined>>;
  /** The checked `Idempotency-Key` on routes that honour it (`request.idempotencyKey`). */
  idempotencyKey: string | undefined;
  requestId: string;
  correlationId: string;
  /**
   * The body exactly as received (for signature checks), before JSON parsing; on `xmlBody`
   * and `textBody` routes, the document (never empty there).
   */
  rawBody: string | undefined;
}

/**
 * What a route handler returns; status defaults to the route's success status, and may be only
 * one the route declares (`Status` = SuccessStatusOf the route), so the OpenAPI document lists
 * every status a handler answers.
 */
export interface HttpResult<Status extends number = number> {
  status?: Status;
  body?: unknown;
  /** A body that is not JSON (an HTML page, a script), sent as is; `headers` name its content-type. */
  text?: string;
  headers?: Record<string, string>;
}

interface RequestIds {
  requestId: string;
  correlationId: string;
  rawBody?: string;
}

const CORRELATION_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Wraps the domain call of a route that names no project in the platform's middy stack.
 * Project-scoped routes use `projectHandler` (shared/http/project-handler.ts), which
 * authorizes from the route's permission; passing one here is a type error.
 */
export function httpHandler<R extends RouteDefinition & { permission?: undefined }>(
  route: R,
  handle: (request: HttpRequest<R>) => Promise<HttpResult<SuccessStatusOf<R>>>,
) {
  return routeHandler(route, handle, async (request) => request);
}

/**
 * The platform's middy stack around a route's handler:
 * request ids + logger context → header normalization → JSON body → zod validation →
 * auth context → `prepare` (project authorization) → handler → problem+json mapping. The
 * error mapper is registered first so that its `onError` runs last (middy runs `onError` in
 * reverse order) and sees every error.
 */
export function routeHandler<R extends RouteDefinition, Prepared>(
  route: R,
  handle: (request: Prepared) => Promise<HttpResult<SuccessStatusOf<R>>>,
  prepare: (request: HttpRequest<R>) => Promise<Prepared>,
) {
  const schemas = route.request ?? {};
  const hasBody = schemas.body !== undefined;
  const xmlBody = schemas.xmlBody === true;
  const textBody = schemas.textBody === true;
  const documentBody = xmlBody || textBody;

  const core = async (event: Event, context: Context & { ids?: RequestIds }): Promise<APIGatewayProxyResultV2> => {
    const ids = context.ids as RequestIds;
    const request = {
      params: parsePart(schemas.params, event.pathParameters ?? {}, 'path'),
      query: parsePart(schemas.query, event.queryStringParameters ?? {}, 'query'),
      body: hasBody
        ? parsePart(schemas.body, event.body, 'body')
        : documentBody
          ? requireDocument(ids.rawBody)
          : undefined,
      auth: route.auth === 'user' ? authContextFromEvent(event) : undefined,
      headers: event.headers,
      idempotencyKey: schemas.idempotencyKey ? idempotencyKeyOf(event.headers) : undefined,
      requestId: ids.requestId,
      correlationId: ids.correlationId,
      rawBody: ids.rawBody,
    } as HttpRequest<R>;
    const result = await handle(await prepare(request));
    // The language the answer's worded texts (a run's failure reasons, …) are in, as problems say theirs.
    const headers = { 'content-language': currentLocale(), ...result.headers, ...idHeaders(ids) };
    if (result.text !== undefined) {
      return { statusCode: result.status ?? route.response.status, headers, body: result.text };
    }
    return toResponse(result.status ?? route.response.status, result.body, headers);
  };

  // One middleware does the per-request set-up (ids, logger context, header names, JSON body)
  // because every extra middy layer costs microseconds on every call (docs/benchmarks.md).
  // The early-timeout timer is off: API handlers finish well inside their Lambda timeout,
  // and API Gateway answers for us if one does not.
  const stack = middy<Event, APIGatewayProxyResultV2, Error, Context & { ids?: RequestIds }>(core, {
    timeoutEarlyInMillis: 0,
  })
    .use({
      onError: (request) => {
        const ids = request.context.ids ?? { requestId: request.context.awsRequestId, correlationId: '' };
        const instance = request.event?.rawPath ?? route.path;
        request.response = errorToProblemResponse(
          request.error,
          { requestId: ids.requestId, correlationId: ids.correlationId, instance },
          idHeaders(ids),
        );
      },
    })
    .use({
      before: (request) => {
        const { event, context } = request;
        event.headers = normalizeHeaderNames(event.headers);
        const ids = requestIds(event, context);
        context.ids = ids;
        if (hasBody && event.body !== undefined) ids.rawBody = decodeBody(event);
        logger.addContext(context);
        logger.appendKeys({ route: route.id, requestId: ids.requestId, correlationId: ids.correlationId });
        if (hasBody && event.body !== undefined) event.body = parseJsonBody(event) as never;
        else if (xmlBody && event.body) ids.rawBody = readDocumentBody(event, XML_CONTENT_TYPE, m.bodyNotXml);
        else if (textBody && event.body) ids.rawBody = readDocumentBody(event, TEXT_CONTENT_TYPE, m.bodyNotText);
      },
      after: endRequest,
      onError: endRequest,
    });
  // The caller's language holds for everything the request does: zod words its issues in it,
  // errors are worded in it when the answer is written.
  return (event: Event, context: Context): Promise<APIGatewayProxyResultV2> =>
    withLocale(negotiateLocale(acceptLanguageOf(event)), () => stack(event, context));
}

/** The Accept-Language header, whatever the case of its name (before header normalization). */
function acceptLanguageOf(event: Event): string | undefined {
  const headers = event.headers;
  if (!headers) return undefined;
  if (headers['accept-language'] !== undefined) return headers['accept-language'];
  for (const name in headers) if (name.toLowerCase() === 'accept-language') return headers[name];
  return undefined;
}

/** A JSON (or empty) API Gateway v2 response. */
export function toResponse(status: number, body: unknown, headers: Record<string, string>): APIGatewayProxyResultV2 {
  if (body === undefined || body === null || status === 204) return { statusCode: status, headers };
  return {
    statusCode: status,
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  };
}

function parsePart(schema: Schema | undefined, value: unknown, location: 'path' | 'query' | 'body'): unknown {
  if (!schema) return value;
  const result = schema.safeParse(value);
  if (!result.success) throw new ValidationError(issuesToFieldErrors(result.error.issues, location));
  return result.data;
}

function requestIds(event: Event, context: Context): RequestIds {
  const requestId = event.requestContext?.requestId ?? context.awsRequestId;
  const given = event.headers?.['x-correlation-id'];
  return { requestId, correlationId: given && CORRELATION_ID.test(given) ? given : requestId };
}

function idHeaders(ids: RequestIds): Record<string, string> {
  return ids.correlationId
    ? { 'x-request-id': ids.requestId, 'x-correlation-id': ids.correlationId }
    : { 'x-request-id': ids.requestId };
}

/**
 * Flushes the request's metrics. Log keys need no reset: every request sets the same keys,
 * and resetting costs more than the whole validation step (docs/benchmarks.md).
 */
function endRequest(): void {
  flushMetrics();
}

/** API Gateway v2 lower-cases header names already; this keeps other callers honest cheaply. */
function normalizeHeaderNames(headers: Event['headers'] | undefined): Event['headers'] {
  if (!headers) return {};
  for (const name in headers) {
    if (name !== name.toLowerCase()) {
      return Object.fromEntries(Object.entries(headers).map(([key, value]) => [key.toLowerCase(), value]));
    }
  }
  return headers;
}

/**
 * A present body must be JSON: 415 for another content type, 400 naming the parse error
 * otherwise. A missing body is left to validation ("body: required"). Keys like `__proto__`
 * become plain own properties with JSON.parse and are then refused by the strict schemas.
 */
function parseJsonBody(event: Event): unknown {
  const contentType = event.headers['content-type'];
  if (contentType === undefined || !JSON_CONTENT_TYPE.test(contentType)) {
    throw new UnsupportedMediaTypeError(m.bodyNotJson());
  }
  const text = decodeBody(event);
  try {
    return JSON.parse(text);
  } catch (error) {
    const reason = (error as Error).message;
    throw new AppError(400, 'MALFORMED_JSON', m.titleMalformedJson(), m.malformedJson({ reason }), {
      errors: [{ path: 'body', message: m.malformedJsonField({ reason }) }],
    });
  }
}

/**
 * A present body of an `xmlBody` or `textBody` route, as text: 415 for a content type the
 * route does not take. The document is the domain's to parse (it knows what a valid one is).
 */
function readDocumentBody(event: Event, accepted: RegExp, refusal: () => LocalizedText): string {
  const contentType = event.headers['content-type'];
  if (contentType === undefined || !accepted.test(contentType)) throw new UnsupportedMediaTypeError(refusal());
  return decodeBody(event);
}

/** A missing document body is a validation error, reported after those of the path and query. */
function requireDocument(text: string | undefined): undefined {
  if (!text) throw new ValidationError([{ path: 'body', message: m.bodyRequired() }]);
  return undefined;
}

function decodeBody(event: Event): string {
  return event.isBase64Encoded ? Buffer.from(event.body ?? '', 'base64').toString('utf8') : (event.body ?? '');
}

const JSON_CONTENT_TYPE = /^application\/(?:[a-z0-9.+-]+\+)?json\s*(?:;|$)/i;
const XML_CONTENT_TYPE = /^(?:application|text)\/xml\s*(?:;|$)/i;
const TEXT_CONTENT_TYPE = /^(?:text\/[a-z0-9.+-]+|application\/(?:[a-z0-9.+-]+\+)?xml)\s*(?:;|$)/i;
