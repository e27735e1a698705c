import * as z from 'zod/mini';
import type { RouteDefinition } from '#shared/api/route-definition';
import { ROUTES } from '#shared/api/routes';
import { OUTBOUND_WEBHOOKS, type OutboundWebhook } from '#shared/api/webhooks';
import { ProblemDetails } from '#shared/schemas/common';

type JsonSchema = Record<string, unknown>;

/**
 * Builds the OpenAPI 3.1 document from the route table: every route, its parameters, body
 * and success response from the same zod schemas the handlers validate with, and the
 * problem+json error responses every route can give.
 */
export function buildOpenApiDocument(routes: readonly RouteDefinition[] = ROUTES): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const operations = paths[route.path] ?? {};
    operations[route.method.toLowerCase()] = operationOf(route);
    paths[route.path] = operations;
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Trellis API',
      version: '1',
      description: 'Projects, design documents, code analysis, tests and deployment pipelines.',
    },
    servers: [{ url: '/' }],
    paths,
    webhooks: Object.fromEntries(OUTBOUND_WEBHOOKS.map((hook) => [hook.name, webhookOf(hook)])),
    components: {
      securitySchemes: { cognito: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: { ProblemDetails: toSchema(ProblemDetails, 'output') },
    },
  };
}

function operationOf(route: RouteDefinition): Record<string, unknown> {
  const parameters = [
    ...parametersOf(route.request?.params, 'path'),
    ...parametersOf(route.request?.query, 'query'),
    {
      name: 'x-correlation-id',
      in: 'header',
      required: false,
      schema: { type: 'string', maxLength: 128 },
      description: 'Propagated into logs and events; defaults to the request id.',
    },
  ];
  const problem = {
    description: 'Problem details',
    content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDetails' } } },
  };
  const success = route.response.body
    ? { description: 'Success', content: { 'application/json': { schema: toSchema(route.response.body, 'output') } } }
    : { description: 'Success' };
  return {
    operationId: route.id,
    summary: route.summary,
    tags: [route.handler.split('/')[1]],
    ...(route.auth === 'user' ? { security: [{ cognito: [] }] } : { security: [] }),
    parameters,
    ...requestBodyOf(route),
    responses: {
      [String(route.response.status)]: success,
      '4XX': problem,
      '5XX': problem,
    },
  };
}

/** A JSON body from its schema; an XML document (a JUnit report) as text under both XML media types. */
function requestBodyOf(route: RouteDefinition): Record<string, unknown> {
  if (route.request?.body) {
    return {
      requestBody: {
        required: true,
        content: { 'application/json': { schema: toSchema(route.request.body, 'input') } },
      },
    };
  }
  if (route.request?.xmlBody) {
    const xml = { schema: { type: 'string', contentMediaType: 'application/xml' } };
    return {
      requestBody: {
        required: true,
        description: 'An XML document; any other Content-Type is answered 415.',
        content: { 'application/xml': xml, 'text/xml': xml },
      },
    };
  }
  return {};
}

function parametersOf(schema: z.ZodMiniType | undefined, location: 'path' | 'query') {
  if (!schema) return [];
  const json = toSchema(schema, 'input');
  const properties = (json.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((json.required ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => ({
    name,
    in: location,
    required: location === 'path' || required.has(name),
    schema: property,
  }));
}

/** An outbound webhook as OpenAPI 3.1 describes one: the POST Trellis sends. */
function webhookOf(hook: OutboundWebhook): Record<string, unknown> {
  const body = { required: true, content: { 'application/json': { schema: toSchema(hook.body, 'output') } } };
  return { post: { summary: hook.summary, requestBody: body, responses: { '2XX': { description: 'Accepted' } } } };
}

function toSchema(schema: z.ZodMiniType, io: 'input' | 'output'): JsonSchema {
  return z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as JsonSchema;
}
