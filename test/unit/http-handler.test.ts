import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { defineRoute } from '#shared/api/route-definition';
import { ConflictError } from '#shared/http/errors';
import { httpHandler } from '#shared/http/handler';
import { defineMessage } from '#shared/i18n/catalogue';
import { httpApiEvent, lambdaContext } from '../fixtures/api-gateway.ts';

const route = defineRoute({
  id: 'CreateWidget',
  method: 'POST',
  path: '/v1/widgets/{widgetId}',
  handler: 'functions/test/create-widget.ts',
  auth: 'user',
  summary: 'test route',
  access: {},
  request: {
    params: z.strictObject({ widgetId: z.string().check(z.regex(/^w\d+$/)) }),
    query: z.strictObject({ dryRun: z.optional(z.enum(['true', 'false'])) }),
    body: z.strictObject({ name: z.string().check(z.minLength(1), z.maxLength(10)), size: z.int() }),
  },
  response: { status: 201 },
});

const handler = httpHandler(route, async ({ params, body, auth, correlationId }) => {
  if (body.name === 'taken') throw new ConflictError('WIDGET_TAKEN', widgetTaken());
  if (body.name === 'boom') throw new Error('database password=hunter2 leaked');
  return { body: { widgetId: params.widgetId, name: body.name, owner: auth.userId, correlationId } };
});

async function call(overrides: Parameters<typeof httpApiEvent>[0]) {
  const event = httpApiEvent({
    method: 'POST',
    path: '/v1/widgets/w1',
    routeKey: 'POST /v1/widgets/{widgetId}',
    pathParameters: { widgetId: 'w1' },
    body: JSON.stringify({ name: 'gear', size: 3 }),
    ...overrides,
  });
  const response = (await handler(event, lambdaContext())) as APIGatewayProxyStructuredResultV2;
  return { ...response, json: response.body ? JSON.parse(response.body) : undefined };
}

const widgetTaken = defineMessage('test.widgetTaken', {
  en: 'That widget name is taken.',
  'zh-CN': '该 widget 名称已被占用。',
});

describe('httpHandler', () => {
  it('passes validated input and the caller to the domain and answers with the route status', async () => {
    // Act
    const response = await call({ headers: { 'x-correlation-id': 'flow-42' } });
    // Assess
    expect(response.statusCode).toBe(201);
    expect(response.json).toEqual({
      widgetId: 'w1',
      name: 'gear',
      owner: '4b1e5a2c-9f3d-4e8a-b7c6-0d1e2f3a4b5c',
      correlationId: 'flow-42',
    });
    expect(response.headers).toMatchObject({ 'x-correlation-id': 'flow-42', 'content-type': 'application/json' });
    expect(response.headers?.['x-request-id']).toMatch(/^req-/);
  });

  it('says the language it answers in, as the caller asked for it (English otherwise)', async () => {
    // Act
    const chinese = await call({ headers: { 'accept-language': 'fr;q=0.9, zh-Hans;q=0.8' } });
    const other = await call({ headers: { 'accept-language': 'de' } });
    // Assess
    expect(chinese.headers?.['content-language']).toBe('zh-CN');
    expect(other.headers?.['content-language']).toBe('en');
  });

  it('lists every invalid field of body, path and query in one problem', async () => {
    const response = await call({
      pathParameters: { widgetId: 'nope' },
      queryStringParameters: { dryRun: 'maybe' },
      body: JSON.stringify({ name: '', size: 'big', extra: true }),
    });
    expect(response.statusCode).toBe(400);
    expect(response.headers?.['content-type']).toBe('application/problem+json');
    expect(response.json).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', instance: '/v1/widgets/w1' });
    const paths = response.json.errors.map((error: { path: string }) => error.path);
    expect(paths).toEqual(expect.arrayContaining(['path.widgetId']));
  });

  it('names unknown, missing and mistyped body fields', async () => {
    const response = await call({ body: JSON.stringify({ size: 'big', extra: true }) });
    expect(response.statusCode).toBe(400);
    expect(response.json.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'body.name' }),
        expect.objectContaining({ path: 'body.size' }),
        expect.objectContaining({ path: 'body', message: expect.stringContaining('extra') }),
      ]),
    );
  });

  it('answers malformed JSON with 400 MALFORMED_JSON', async () => {
    const response = await call({ body: '{"name": "gear",' });
    expect(response.statusCode).toBe(400);
    expect(response.json).toMatchObject({ code: 'MALFORMED_JSON', errors: [{ path: 'body' }] });
  });

  it('answers a body that is not JSON by content type with 415', async () => {
    const response = await call({ headers: { 'content-type': 'text/plain' } });
    expect(response.statusCode).toBe(415);
    expect(response.json.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('reports a missing body as a validation error, not a parse error', async () => {
    const response = await call({ body: undefined });
    expect(response.statusCode).toBe(400);
    expect(response.json).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ path: 'body' }] });
  });

  it('refuses a prototype-pollution body', async () => {
    const response = await call({ body: '{"name":"gear","size":1,"__proto__":{"admin":true}}' });
    expect(response.statusCode).toBeGreaterThanOrEqual(400);
    expect(response.statusCode).toBeLessThan(500);
  });

  it('answers 401 when the authorizer passed no subject', async () => {
    const response = await call({ claims: null });
    expect(response.statusCode).toBe(401);
    expect(response.json.code).toBe('UNAUTHENTICATED');
  });

  it('maps domain errors to their status and code', async () => {
    const response = await call({ body: JSON.stringify({ name: 'taken', size: 1 }) });
    expect(response.statusCode).toBe(409);
    expect(response.json).toMatchObject({ code: 'WIDGET_TAKEN', detail: 'That widget name is taken.' });
  });

  it('turns unexpected errors into a generic 500 that reveals nothing', async () => {
    const response = await call({ body: JSON.stringify({ name: 'boom', size: 1 }) });
    expect(response.statusCode).toBe(500);
    expect(response.json.code).toBe('INTERNAL_ERROR');
    expect(response.body).not.toContain('hunter2');
    expect(response.json.requestId).toMatch(/^req-/);
  });

  it('ignores a correlation id that could inject into logs', async () => {
    const response = await call({ headers: { 'x-correlation-id': 'bad\nvalue' } });
    expect(response.headers?.['x-correlation-id']).toBe(response.headers?.['x-request-id']);
  });
});
