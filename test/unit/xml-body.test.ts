import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { buildOpenApiDocument } from '#shared/api/openapi';
import { defineRoute } from '#shared/api/route-definition';
import { httpHandler } from '#shared/http/handler';
import { httpApiEvent, lambdaContext } from '../fixtures/api-gateway.ts';

const route = defineRoute({
  id: 'ImportReport',
  method: 'POST',
  path: '/v1/reports/{reportId}',
  handler: 'functions/test/import-report.ts',
  auth: 'user',
  summary: 'test route taking an XML body',
  access: {},
  request: {
    params: z.strictObject({ reportId: z.string().check(z.regex(/^r\d+$/)) }),
    query: z.strictObject({ suite: z.optional(z.string()) }),
    xmlBody: true,
  },
  response: { status: 201 },
});

const handler = httpHandler(route, async ({ rawBody, body, query }) => ({
  body: { received: rawBody, parsedBody: body ?? null, suite: query.suite ?? null },
}));

async function call(overrides: Parameters<typeof httpApiEvent>[0] & { isBase64Encoded?: boolean }) {
  const { isBase64Encoded, ...rest } = overrides;
  const event = httpApiEvent({
    method: 'POST',
    path: '/v1/reports/r1',
    routeKey: 'POST /v1/reports/{reportId}',
    pathParameters: { reportId: 'r1' },
    ...rest,
  });
  if (isBase64Encoded) event.isBase64Encoded = true;
  const response = (await handler(event, lambdaContext())) as APIGatewayProxyStructuredResultV2;
  return { ...response, json: response.body ? JSON.parse(response.body) : undefined };
}

const XML = '<?xml version="1.0"?><testsuite name="s"><testcase name="a"/></testsuite>';

describe('httpHandler on an xmlBody route', () => {
  it.each(['application/xml', 'text/xml', 'application/xml; charset=utf-8', 'TEXT/XML;charset=UTF-8'])(
    'hands a body sent as %s over as rawBody, unparsed',
    async (contentType) => {
      const response = await call({ body: XML, headers: { 'content-type': contentType } });

      expect(response.statusCode).toBe(201);
      expect(response.json).toEqual({ received: XML, parsedBody: null, suite: null });
    },
  );

  it('decodes a base64-encoded body', async () => {
    const response = await call({
      body: Buffer.from(XML).toString('base64'),
      headers: { 'content-type': 'application/xml' },
      isBase64Encoded: true,
    });

    expect(response.json.received).toBe(XML);
  });

  it.each(['application/json', 'text/plain', 'application/xmlx', 'application/atom+xml'])(
    'answers 415 for a body sent as %s',
    async (contentType) => {
      const response = await call({ body: XML, headers: { 'content-type': contentType } });

      expect(response.statusCode).toBe(415);
      expect(response.headers?.['content-type']).toBe('application/problem+json');
      expect(response.json).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE', detail: expect.stringContaining('XML') });
    },
  );

  it('answers 415 for a body without a content type', async () => {
    const event = httpApiEvent({
      method: 'POST',
      path: '/v1/reports/r1',
      pathParameters: { reportId: 'r1' },
      body: XML,
    });
    delete event.headers['content-type'];

    const response = (await handler(event, lambdaContext())) as APIGatewayProxyStructuredResultV2;

    expect(response.statusCode).toBe(415);
  });

  it.each([undefined, ''])('answers a missing body (%j) with 400 "body: required"', async (body) => {
    const response = await call({ body, headers: { 'content-type': 'application/xml' } });

    expect(response.statusCode).toBe(400);
    expect(response.json).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ path: 'body', message: 'required' }] });
  });

  it('reports invalid path parameters before a missing body', async () => {
    const response = await call({ pathParameters: { reportId: 'nope' } });

    expect(response.statusCode).toBe(400);
    expect(response.json.errors[0].path).toBe('path.reportId');
  });
});

describe('OpenAPI document of an xmlBody route', () => {
  it('documents the body as an XML document under both XML media types', () => {
    const document = buildOpenApiDocument([route]) as {
      paths: Record<string, Record<string, { requestBody: { required: boolean; content: Record<string, unknown> } }>>;
    };

    const requestBody = document.paths['/v1/reports/{reportId}']?.post?.requestBody;

    expect(requestBody?.required).toBe(true);
    expect(Object.keys(requestBody?.content ?? {}).sort()).toEqual(['application/xml', 'text/xml']);
    expect(requestBody?.content['application/xml']).toMatchObject({
      schema: { type: 'string', contentMediaType: 'application/xml' },
    });
  });
});
