import type * as z from 'zod/mini';
import { exampleOf } from '#shared/api/openapi-examples';
import { type JsonSchema, SchemaComponents } from '#shared/api/openapi-schemas';
import { RESPONSE_BODIES } from '#shared/api/responses';
import { type RouteDefinition, successStatusesOf } from '#shared/api/route-definition';
import { ROUTES } from '#shared/api/routes';
import { OUTBOUND_WEBHOOKS, type OutboundWebhook } from '#shared/api/webhooks';
import { minimumRole } from '#shared/auth/permissions';
import { ProblemDetails } from '#shared/schemas/common';

const TAG_DESCRIPTIONS: Record<string, string> = {
  platform: 'Health, this document and its reference page. Public.',
  auth: 'Accounts and tokens: register, log in, refresh. Public.',
  users: 'The caller and other users.',
  projects: 'Projects and their members; the creator is the owner.',
  environments: 'Where a project deploys to: URL, health check, deploy target, protection.',
  pipelines: 'Versioned stage lists (webhook, approval, deploy, test, quality gate).',
  deployments: 'Pipeline runs against one environment: approvals, cancellation, callbacks.',
  'test-cases': 'Test cases and suites (api, scenario, performance; imported JUnit cases).',
  'test-runs': 'Test runs, JUnit imports, results, reports and insights.',
};

/** The problem+json answers routes share, by status; which ones a route declares depends on its shape. */
const PROBLEMS = {
  '400': [
    'BadRequest',
    'VALIDATION_FAILED',
    'Validation failed',
    'The request is not valid; see errors for each field.',
  ],
  '401': ['Unauthorized', 'UNAUTHORIZED', 'Unauthorized', 'The bearer token is missing, invalid or expired.'],
  '403': ['Forbidden', 'FORBIDDEN', 'Forbidden', "The caller's project role does not allow this action."],
  '404': ['NotFound', 'PROJECT_NOT_FOUND', 'Not found', 'No such resource, or one the caller may not see.'],
  '409': ['Conflict', 'CONFLICT', 'Conflict', "The request conflicts with the resource's current state."],
  '413': ['PayloadTooLarge', 'PAYLOAD_TOO_LARGE', 'Payload too large', 'The body exceeds the limit of this route.'],
  '415': ['UnsupportedMediaType', 'UNSUPPORTED_MEDIA_TYPE', 'Unsupported media type', 'Send the declared media type.'],
  '429': ['TooManyRequests', 'TOO_MANY_REQUESTS', 'Too many requests', 'The API is throttling; retry later.'],
  '5XX': ['InternalError', 'INTERNAL_ERROR', 'Internal server error', 'Quote the requestId when reporting it.'],
} as const;
type ProblemStatus = keyof typeof PROBLEMS;

const SUCCESS_DESCRIPTIONS: Record<number, string> = {
  200: 'OK',
  201: 'Created: the new resource',
  202: 'Accepted: the work runs asynchronously; poll the resource by its id',
  204: 'No content',
};

/**
 * Builds the OpenAPI 3.1 document from the route table: every route, its parameters and body
 * from the same zod schemas the handlers validate with, its success response from
 * `responseBodies` (shared/api/responses.ts, by route id), named schemas as
 * `components/schemas`, the problem+json responses the route can give, and an example for
 * every body.
 */
export function buildOpenApiDocument(
  routes: readonly RouteDefinition[] = ROUTES,
  responseBodies: Readonly<Record<string, z.ZodMiniType>> = RESPONSE_BODIES,
): Record<string, unknown> {
  const components = new SchemaComponents();
  // Responses first, so that a named schema keeps its name for the response-side view.
  const responses = new Map(
    routes.map((route) => [route, successResponseOf(route, responseBodies[route.id], components)]),
  );
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    // A greedy parameter (`{path+}`, API Gateway's syntax) is a plain `{path}` in OpenAPI.
    const path = route.path.replace(/\{(\w+)\+\}/g, '{$1}');
    const operations = paths[path] ?? {};
    operations[route.method.toLowerCase()] = operationOf(route, responses.get(route), components);
    paths[path] = operations;
  }
  const tags = [...new Set(routes.map(tagOf))].map((name) => ({
    name,
    description: TAG_DESCRIPTIONS[name] ?? `Routes served by functions/${name}/.`,
  }));
  return {
    openapi: '3.1.0',
    info: {
      title: 'Trellis API',
      version: '1',
      description:
        'Projects, design documents, code analysis, tests and deployment pipelines. JSON in and out; errors are ' +
        'RFC 9457 problem details with a stable `code`; lists take `?limit=` (1–100) and `?cursor=`.',
      license: { name: 'Proprietary', identifier: 'LicenseRef-Proprietary' },
    },
    servers: [{ url: '/' }],
    tags,
    paths,
    webhooks: Object.fromEntries(OUTBOUND_WEBHOOKS.map((hook) => [hook.name, webhookOf(hook, components)])),
    components: {
      securitySchemes: {
        cognito: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description: 'The `accessToken` from `POST /v1/auth/login`.',
        },
        trellisSignature: {
          type: 'apiKey',
          in: 'header',
          name: 'X-Trellis-Signature',
          description:
            'On the webhooks Trellis sends: `sha256=<hex HMAC-SHA256>` with the secret set on the stage or deploy ' +
            'target, over `"<X-Trellis-Timestamp>.<raw body>"`; refuse a timestamp older than 5 minutes.',
        },
      },
      schemas: components.schemas,
      responses: problemResponses(components),
    },
  };
}

function tagOf(route: RouteDefinition): string {
  return route.handler.split('/')[1] ?? 'platform';
}

function operationOf(
  route: RouteDefinition,
  success: Record<string, unknown> | undefined,
  components: SchemaComponents,
): Record<string, unknown> {
  const parameters = [
    ...parametersOf(route.request?.params, 'path', components),
    ...parametersOf(route.request?.query, 'query', components),
    {
      name: 'x-correlation-id',
      in: 'header',
      required: false,
      schema: { type: 'string', maxLength: 128, pattern: '^[A-Za-z0-9._:-]{1,128}$' },
      description: 'Propagated into logs and events; defaults to the request id.',
      example: 'release-42',
    },
  ];
  const problems = Object.fromEntries(
    problemStatusesOf(route).map((status) => [status, { $ref: `#/components/responses/${PROBLEMS[status][0]}` }]),
  );
  return {
    operationId: route.id,
    summary: route.summary,
    description: descriptionOf(route),
    tags: [tagOf(route)],
    security: route.auth === 'user' ? [{ cognito: [] }] : [],
    parameters,
    ...requestBodyOf(route, components),
    responses: { ...success, ...problems },
  };
}

function descriptionOf(route: RouteDefinition): string {
  const lines = [route.description ?? `${route.summary}.`];
  if (route.auth === 'public') lines.push('Public: no token needed.');
  else lines.push('Needs a bearer token (`authorization: Bearer <accessToken>`).');
  if (route.permission) {
    const { resource, action } = route.permission;
    lines.push(
      `Needs the project role \`${minimumRole(route.permission)}\` or above (permission \`${resource}:${String(action)}\`); ` +
        'a project the caller is not a member of answers 404.',
    );
  }
  return lines.join('\n\n');
}

/** Which problem responses a route can give, from its shape. */
function problemStatusesOf(route: RouteDefinition): ProblemStatus[] {
  const request = route.request ?? {};
  const statuses: ProblemStatus[] = [];
  if (Object.keys(request).length > 0) statuses.push('400');
  if (route.auth === 'user') statuses.push('401');
  if (route.permission) statuses.push('403');
  if (route.path.includes('{')) statuses.push('404');
  if (route.method !== 'GET') statuses.push('409');
  if (request.body || request.xmlBody || request.textBody) statuses.push('413');
  if (request.xmlBody || request.textBody) statuses.push('415');
  statuses.push('429', '5XX');
  return statuses;
}

function problemResponses(components: SchemaComponents): Record<string, unknown> {
  const schema = components.schemaOf(ProblemDetails, 'output');
  return Object.fromEntries(
    Object.entries(PROBLEMS).map(([status, [name, code, title, detail]]) => [
      name,
      {
        description: `${title}: ${detail}`,
        content: {
          'application/problem+json': {
            schema,
            example: {
              type: `https://trellis.dev/problems/${code.toLowerCase().replaceAll('_', '-')}`,
              title,
              status: status === '5XX' ? 500 : Number(status),
              detail,
              instance: '/v1/projects/01jq3v6m2x8k9c7w4e5r1t0y2u',
              code,
              requestId: 'JKJaXmPLvHcESHA=',
              ...(status === '400'
                ? { errors: [{ path: 'body.key', message: 'must match ^[A-Z][A-Z0-9]{1,9}$' }] }
                : {}),
            },
          },
        },
      },
    ]),
  );
}

/** The success responses of a route by status: its main status and its `otherStatuses`, with the same body. */
function successResponseOf(
  route: RouteDefinition,
  body: z.ZodMiniType | undefined,
  components: SchemaComponents,
): Record<string, unknown> {
  const { response } = route;
  let content: Record<string, unknown> | undefined;
  if (response.mediaType) {
    content = { [response.mediaType]: { schema: { type: 'string' } } };
  } else if (body) {
    // test/unit/openapi.test.ts requires a body schema of every route that answers JSON.
    const schema = components.schemaOf(body, 'output');
    const example = route.examples?.response ?? exampleOf(schema, components);
    content = { 'application/json': { schema, example } };
  }
  return Object.fromEntries(
    successStatusesOf(route).map((status) => {
      const description = response.descriptions?.[status] ?? SUCCESS_DESCRIPTIONS[status] ?? 'Success';
      // A copy per status: the document is plain JSON, with no object shared between two places.
      return [String(status), content ? { description, content: structuredClone(content) } : { description }];
    }),
  );
}

/** A JSON body from its schema; an XML document (a JUnit report) as text under both XML media types. */
function requestBodyOf(route: RouteDefinition, components: SchemaComponents): Record<string, unknown> {
  if (route.request?.body) {
    const schema = components.schemaOf(route.request.body, 'input');
    const example = route.examples?.request ?? exampleOf(schema, components);
    return { requestBody: { required: true, content: { 'application/json': { schema, example } } } };
  }
  if (route.request?.xmlBody) {
    const xml = {
      schema: { type: 'string', contentMediaType: 'application/xml' },
      example:
        '<testsuites><testsuite name="unit" tests="1"><testcase classname="math" name="adds"/></testsuite></testsuites>',
    };
    return {
      requestBody: {
        required: true,
        description: 'An XML document; any other Content-Type is answered 415.',
        content: { 'application/xml': xml, 'text/xml': xml },
      },
    };
  }
  if (route.request?.textBody) {
    const text = { schema: { type: 'string' }, example: 'SF:src/app.ts\nDA:1,1\nDA:2,0\nend_of_record\n' };
    return {
      requestBody: {
        required: true,
        description: 'A text document; a Content-Type other than text/* or XML is answered 415.',
        content: { 'text/plain': text, 'application/xml': { schema: { type: 'string' } } },
      },
    };
  }
  return {};
}

function parametersOf(schema: z.ZodMiniType | undefined, location: 'path' | 'query', components: SchemaComponents) {
  if (!schema) return [];
  const json = components.schemaOf(schema, 'input');
  const properties = (json.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((json.required ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => ({
    name,
    in: location,
    required: location === 'path' || required.has(name),
    schema: property,
    example: exampleOf(property, components, name),
  }));
}

/** An outbound webhook as OpenAPI 3.1 describes one: the signed POST Trellis sends to a user's URL. */
function webhookOf(hook: OutboundWebhook, components: SchemaComponents): Record<string, unknown> {
  const schema = components.schemaOf(hook.body, 'output');
  const body = { required: true, content: { 'application/json': { schema, example: exampleOf(schema, components) } } };
  return {
    post: {
      operationId: `webhook-${hook.name}`,
      security: [{ trellisSignature: [] }],
      summary: hook.summary,
      description: hook.description,
      requestBody: body,
      responses: { '2XX': { description: 'Any 2xx answer accepts the call' } },
    },
  };
}
