import { describe, expect, it } from 'vitest';
import { buildOpenApiDocument } from '#shared/api/openapi';
import { RESPONSE_BODIES } from '#shared/api/responses';
import { ROUTES } from '#shared/api/routes';

// biome-ignore lint/suspicious/noExplicitAny: the tests walk the generated JSON document structurally
type Json = any;

describe('OpenAPI document', () => {
  const document = buildOpenApiDocument() as {
    openapi: string;
    paths: Record<string, Record<string, Json>>;
    components: { schemas: Record<string, Json>; responses: Record<string, Json> };
  };
  // A greedy parameter (`{path+}`) is a plain `{path}` in OpenAPI.
  const pathOf = (route: (typeof ROUTES)[number]) => route.path.replace(/\{(\w+)\+\}/g, '{$1}');
  const operationOf = (route: (typeof ROUTES)[number]) => document.paths[pathOf(route)]?.[route.method.toLowerCase()];

  it('describes every route of the route table, and nothing else', () => {
    const described = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(described.sort()).toEqual(ROUTES.map((route) => `${route.method} ${pathOf(route)}`).sort());
  });

  it('requires a bearer token exactly on authenticated routes', () => {
    for (const route of ROUTES) {
      const operation = document.paths[pathOf(route)]?.[route.method.toLowerCase()];
      expect(operation.security, route.id).toEqual(route.auth === 'user' ? [{ cognito: [] }] : []);
    }
  });

  it('documents request bodies with their constraints', () => {
    const schema = document.paths['/v1/projects']?.post.requestBody.content['application/json'].schema;
    expect(schema.required).toEqual(expect.arrayContaining(['name', 'key']));
    expect(schema.properties.key.pattern).toBe('^[A-Z][A-Z0-9]{1,9}$');
    expect(schema.additionalProperties).toBe(false);
  });

  it('resolves every $ref inside the document, named schemas from components/schemas', () => {
    const refs: string[] = [];
    const walk = (value: unknown): void => {
      if (Array.isArray(value)) value.forEach(walk);
      else if (value && typeof value === 'object') {
        for (const [key, item] of Object.entries(value)) {
          if (key === '$ref') refs.push(item as string);
          else walk(item);
        }
      }
    };
    walk(document);
    const unresolved = refs.filter((ref) => {
      const target = ref
        .replace(/^#\//, '')
        .split('/')
        .map((part) => part.replaceAll('~1', '/').replaceAll('~0', '~'))
        .reduce<Json>((node, part) => node?.[part], document);
      return target === undefined;
    });
    expect(refs.length).toBeGreaterThan(100);
    expect(unresolved).toEqual([]);
    expect(document.paths['/v1/projects']?.post.responses['201'].content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/Project',
    });
    expect(document.components.schemas.ProjectPage.properties.items.items).toEqual({
      $ref: '#/components/schemas/Project',
    });
  });

  it('declares the problem responses each route can give', () => {
    for (const route of ROUTES) {
      const statuses = Object.keys(operationOf(route).responses);
      expect(statuses, route.id).toEqual(expect.arrayContaining([String(route.response.status), '429', '5XX']));
      if (route.auth === 'user') expect(statuses, route.id).toContain('401');
      if (route.permission) expect(statuses, route.id).toEqual(expect.arrayContaining(['403', '404']));
      if (route.request?.body) expect(statuses, route.id).toEqual(expect.arrayContaining(['400', '413']));
    }
    expect(document.components.responses.NotFound.content['application/problem+json'].schema).toEqual({
      $ref: '#/components/schemas/ProblemDetails',
    });
  });

  it('has the response schema of every route that answers JSON, and of no other', () => {
    // Arrange: a JSON answer is any success but 204 and the routes that name another media type.
    const answersJson = ROUTES.filter((route) => route.response.status !== 204 && !route.response.mediaType);

    // Assess
    expect(Object.keys(RESPONSE_BODIES).sort()).toEqual(answersJson.map((route) => route.id).sort());
  });

  it('describes every operation and gives an example for every JSON body', () => {
    for (const route of ROUTES) {
      const operation = operationOf(route);
      expect(operation.description, route.id).toContain(route.auth === 'user' ? 'bearer token' : 'Public');
      const request = operation.requestBody?.content['application/json'];
      if (route.request?.body) expect(request?.example, route.id).toBeDefined();
      const response = operation.responses[String(route.response.status)].content?.['application/json'];
      if (RESPONSE_BODIES[route.id]) expect(response?.example, route.id).toBeDefined();
    }
    expect(operationOf(ROUTES.find((route) => route.id === 'UpdateProject')!).description).toContain(
      'Needs the project role `maintainer` or above',
    );
  });

  it('lists every success status a handler may answer, each with the body (POST …/analyses: 201 archive, 202 git)', () => {
    // Prepare
    const created = document.paths['/v1/projects/{projectId}/analyses']?.post.responses;

    // Assess
    expect(Object.keys(created).filter((status) => status.startsWith('2'))).toEqual(['201', '202']);
    // The same body either way: an id and a status, the upload link only with an archive.
    const body = created['201'].content['application/json'].schema;
    expect(created['202'].content['application/json'].schema).toEqual(body);
    expect(body.required).toEqual(expect.arrayContaining(['id', 'status']));
    expect(body.required).not.toContain('url');
    expect(created['201'].description).toContain('archive');
    expect(created['202'].description).toContain('git');
    for (const route of ROUTES) {
      const declared = [route.response.status, ...(route.response.otherStatuses ?? [])].map(String);
      const listed = Object.keys(operationOf(route).responses).filter((status) => /^2\d\d$/.test(status));
      expect(listed, route.id).toEqual(declared);
    }
  });

  it('surfaces the limits of the schemas', () => {
    const body = document.paths['/v1/projects/{projectId}/pipelines']?.post.requestBody.content['application/json'];
    expect(body.schema.properties.stages).toMatchObject({ minItems: 1, maxItems: 20 });
    expect(body.schema.properties.name.maxLength).toBe(100);
    const limit = document.paths['/v1/projects']?.get.parameters.find((p: { name: string }) => p.name === 'limit');
    expect(limit.schema).toMatchObject({ minimum: 1, maximum: 100, default: 20 });
  });

  it('names the media type of bodies that are not JSON schemas (the reference page and its script)', () => {
    expect(Object.keys(document.paths['/v1/docs']?.get.responses['200'].content)).toEqual(['text/html']);
    expect(Object.keys(document.paths['/v1/docs/redoc.standalone.js']?.get.responses['200'].content)).toEqual([
      'text/javascript',
    ]);
  });
});
