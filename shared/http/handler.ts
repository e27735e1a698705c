import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import httpJsonBodyParser from '@middy/http-json-body-parser';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyResultV2, Context } from 'aws-lambda';
import type * as z from 'zod/mini';
import type { RouteDefinition } from '#shared/api/route-definition';
import { type AuthContext, authContextFromEvent } from '#shared/auth/context';
import { ValidationError } from '#shared/http/errors';
import { errorToProblemResponse } from '#shared/http/problem';
import { issuesToFieldErrors } from '#shared/http/validation';
import { logger, metrics } from '#shared/observability';

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
  requestId: string;
  correlationId: string;
}

/** What a route handler returns; status defaults to the route's success status. */
export interface HttpResult {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
}

interface RequestIds {
  requestId: string;
  correlationId: string;
}

const CORRELATION_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Wraps a route's domain call in the platform's middy stack:
 * request ids + logger context → header normalization → JSON body → zod validation →
 * auth context → handler → problem+json mapping. The error mapper is registered first so
 * that its `onError` runs last (middy runs `onError` in reverse order) and sees every error.
 */
export function httpHandler<R extends RouteDefinition>(
  route: R,
  handle: (request: HttpRequest<R>) => Promise<HttpResult>,
) {
  const schemas = route.request ?? {};
  const hasBody = schemas.body !== undefined;

  const core = async (event: Event, context: Context & { ids?: RequestIds }): Promise<APIGatewayProxyResultV2> => {
    const ids = context.ids as RequestIds;
    const request = {
      params: parsePart(schemas.params, event.pathParameters ?? {}, 'path'),
      query: parsePart(schemas.query, event.queryStringParameters ?? {}, 'query'),
      body: hasBody ? parsePart(schemas.body, event.body, 'body') : undefined,
      auth: route.auth === 'user' ? authContextFromEvent(event) : undefined,
      headers: event.headers,
      ...ids,
    } as HttpRequest<R>;
    const result = await handle(request);
    return toResponse(result.status ?? route.response.status, result.body, { ...result.headers, ...idHeaders(ids) });
  };

  const stack = middy<Event, APIGatewayProxyResultV2, Error, Context & { ids?: RequestIds }>(core)
    .use({
      onError: (request) => {
        const ids = request.context.ids ?? { requestId: request.context.awsRequestId, correlationId: '' };
        const instance = request.event?.rawPath ?? route.path;
        request.response = errorToProblemResponse(request.error, { ...ids, instance }, idHeaders(ids));
      },
    })
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use({
      before: (request) => {
        const ids = requestIds(request.event, request.context);
        request.context.ids = ids;
        logger.appendKeys({ route: route.id, requestId: ids.requestId, correlationId: ids.correlationId });
      },
      after: flushMetrics,
      onError: flushMetrics,
    })
    .use(httpHeaderNormalizer());
  if (hasBody) {
    // A missing body is left to validation ("body: required"); a present one must be JSON.
    const parseJson = httpJsonBodyParser().before as middy.MiddlewareFn<Event, APIGatewayProxyResultV2>;
    stack.use({ before: (request) => (request.event.body === undefined ? undefined : parseJson(request)) });
  }
  return stack;
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

function flushMetrics(): void {
  if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
}
