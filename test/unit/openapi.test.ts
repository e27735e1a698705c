import { describe, expect, it } from 'vitest';
import { buildOpenApiDocument } from '#shared/api/openapi';
import { ROUTES } from '#shared/api/routes';

describe('OpenAPI document', () => {
  // biome-ignore lint/suspicious/noExplicitAny: the test walks the generated JSON document structurally
  const document = buildOpenApiDocument() as { openapi: string; paths: Record<string, Record<string, any>> };

  it('describes every route of the route table, and nothing else', () => {
    const described = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(described.sort()).toEqual(ROUTES.map((route) => `${route.method} ${route.path}`).sort());
  });

  it('requires a bearer token exactly on authenticated routes', () => {
    for (const route of ROUTES) {
      const operation = document.paths[route.path]?.[route.method.toLowerCase()];
      expect(operation.security, route.id).toEqual(route.auth === 'user' ? [{ cognito: [] }] : []);
    }
  });

  it('documents request bodies with their constraints', () => {
    const schema = document.paths['/v1/projects']?.post.requestBody.content['application/json'].schema;
    expect(schema.required).toEqual(expect.arrayContaining(['name', 'key']));
    expect(schema.properties.key.pattern).toBe('^[A-Z][A-Z0-9]{1,9}$');
    expect(schema.additionalProperties).toBe(false);
  });
});
