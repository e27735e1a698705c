import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { buildOpenApiDocument } from '#shared/api/openapi';
import { RESPONSE_BODIES } from '#shared/api/responses';
import { defineRoute, type RouteDefinition } from '#shared/api/route-definition';
import { ROUTES } from '#shared/api/routes';
import { PresignedUrl, pageOf, ResourceId, Timestamp } from '#shared/schemas/common';

// The naming rule of docs/architecture.md ("Naming in the API"), checked on the OpenAPI
// document the route table produces, so that a route breaking it fails here in seconds:
// - a resource answers its own id as `id`, never as the `{param}` of its path;
// - it names another resource by the path parameter that fetches it (`runId`, not `testRunId`);
// - a presigned link (PresignedUrl, `x-presigned`) is `url` beside an `expiresAt`.

type Schema = Record<string, unknown>;
interface Document {
  paths: Record<
    string,
    Record<string, { responses: Record<string, { content?: Record<string, { schema: Schema }> }> }>
  >;
  components: { schemas: Record<string, Schema> };
}

/**
 * Memberships are addressed by their user (`members/{userId}`): a membership is the user's
 * place in a project and has no id of its own, so it answers `userId` and `projectId`. A file of
 * an analysed snapshot is addressed by its path (`files/{path}`), which is all it is known by. A
 * document's version is addressed by its number within the document (`versions/{version}`).
 */
const WITHOUT_OWN_ID = new Set([
  '/v1/projects/{projectId}/members/{userId}',
  '/v1/projects/{projectId}/analyses/{analysisId}/files/{path}',
  '/v1/projects/{projectId}/documents/{documentId}/versions/{version}',
]);

/** Every breach of the naming rule in `document`, one readable line each. */
function namingViolations(document: Document): string[] {
  const resolve = (schema: Schema): Schema => {
    const ref = schema.$ref;
    if (typeof ref !== 'string') return schema;
    return resolve(document.components.schemas[ref.replace('#/components/schemas/', '')] ?? {});
  };
  const routes = Object.entries(document.paths).flatMap(([path, operations]) =>
    Object.entries(operations).map(([method, operation]) => {
      const [status, response] = Object.entries(operation.responses).find(([code]) => /^2\d\d$/.test(code)) ?? [];
      const schema = response?.content?.['application/json']?.schema;
      return { path, method: method.toUpperCase(), status, body: schema ? resolve(schema) : undefined };
    }),
  );
  const violations: string[] = [];

  // Own ids. An item path ends in `/{param}`; the resource behind it is what its routes
  // answer, what a GET on its collection lists, and what a POST on the collection (or on a
  // literal path below it, like `.../imports/uploads`) creates.
  const itemPaths = [...new Set(routes.map((route) => route.path))].filter((path) => /\/\{\w+\}$/.test(path));
  const collectionOf = (itemPath: string) => itemPath.slice(0, itemPath.lastIndexOf('/'));
  const itemPathCreatedBy = (path: string) =>
    itemPaths
      .filter((item) => path === collectionOf(item) || path.startsWith(`${collectionOf(item)}/`))
      .filter((item) => !path.slice(collectionOf(item).length).includes('{'))
      .sort((a, b) => b.length - a.length)[0];
  const checkOwnId = (where: string, itemPath: string, resource: Schema | undefined) => {
    if (!resource || WITHOUT_OWN_ID.has(itemPath)) return;
    const param = itemPath.slice(itemPath.lastIndexOf('{') + 1, -1);
    const names = Object.keys((resource.properties ?? {}) as Schema);
    if (!names.includes('id')) violations.push(`${where}: answers no \`id\` (the resource of ${itemPath})`);
    if (names.includes(param)) violations.push(`${where}: answers its own id as \`${param}\`; name it \`id\``);
  };
  for (const route of routes) {
    const where = `${route.method} ${route.path}`;
    if (itemPaths.includes(route.path)) checkOwnId(where, route.path, route.body);
    const listed = itemPaths.find((item) => route.method === 'GET' && collectionOf(item) === route.path);
    const items = (route.body?.properties as Schema | undefined)?.items as Schema | undefined;
    if (listed && items?.items) checkOwnId(`${where} (items)`, listed, resolve(items.items as Schema));
    const created = route.method === 'POST' && route.status !== '200' ? itemPathCreatedBy(route.path) : undefined;
    if (created) checkOwnId(where, created, route.body);
  }

  // References and links, on every object any success response contains.
  const params = new Set(itemPaths.map((path) => path.slice(path.lastIndexOf('{') + 1, -1)));
  const longNames = new Map(
    itemPaths.map((path) => {
      const collection = collectionOf(path).split('/').at(-1) ?? '';
      const entity = collection.replace(/s$/, '').replace(/-(\w)/g, (_, letter: string) => letter.toUpperCase());
      return [`${entity}Id`, path.slice(path.lastIndexOf('{') + 1, -1)];
    }),
  );
  const seen = new Set<Schema>();
  const visit = (where: string, raw: Schema): void => {
    const schema = resolve(raw);
    if (seen.has(schema)) return;
    seen.add(schema);
    const properties = (schema.properties ?? {}) as Record<string, Schema>;
    for (const [name, property] of Object.entries(properties)) {
      const singular = name.replace(/Ids$/, 'Id');
      const pathName = longNames.get(singular);
      if (pathName && pathName !== singular && !params.has(singular)) {
        violations.push(`${where}: \`${name}\` names a resource its path calls {${pathName}}; name it \`${pathName}\``);
      }
      const presigned = resolve(property)['x-presigned'] === true;
      if (presigned && (name !== 'url' || !('expiresAt' in properties))) {
        violations.push(`${where}: presigned link \`${name}\` must be \`url\` beside an \`expiresAt\``);
      }
      if (!presigned && 'expiresAt' in properties && (name === 'url' || name.endsWith('Url'))) {
        violations.push(`${where}: \`${name}\` sits beside \`expiresAt\` but is not a PresignedUrl`);
      }
    }
    const children = [
      ...Object.values(properties),
      ...(['items', 'additionalProperties'] as const).map((key) => schema[key]),
      ...(['anyOf', 'oneOf', 'allOf'] as const).flatMap((key) => (schema[key] as Schema[] | undefined) ?? []),
    ];
    for (const child of children) if (child && typeof child === 'object') visit(where, child as Schema);
  };
  for (const route of routes) if (route.body) visit(`${route.method} ${route.path}`, route.body);
  return violations;
}

/** A route and its response body schema (shared/api/responses.ts holds those of the real table). */
interface DocumentedRoute {
  route: RouteDefinition;
  body: z.ZodMiniType;
}

/** The naming violations of the real route table plus `extra` routes. */
function violationsWith(...extra: DocumentedRoute[]): string[] {
  const bodies = { ...RESPONSE_BODIES, ...Object.fromEntries(extra.map(({ route, body }) => [route.id, body])) };
  return namingViolations(
    buildOpenApiDocument([...ROUTES, ...extra.map(({ route }) => route)], bodies) as unknown as Document,
  );
}

// Routes a careless author could add, to prove the rule notices each kind of breach.
const widgetRoute = (
  id: string,
  method: 'GET' | 'POST',
  path: string,
  body: z.ZodMiniType,
  status: 200 | 201 = 200,
): DocumentedRoute => ({
  route: defineRoute({
    id,
    method,
    path,
    handler: 'functions/widgets/widget.ts',
    auth: 'user',
    summary: 'A widget',
    access: {},
    response: { status },
  }),
  body,
});
const WIDGET_PATH = '/v1/projects/{projectId}/widgets/{widgetId}';

describe('naming in the API (docs/architecture.md)', () => {
  it('holds for every route of the route table', () => {
    // Act
    const violations = violationsWith();

    // Assess
    expect(violations).toEqual([]);
  });

  it('refuses a resource that answers its own id as <entity>Id, when read, listed or created', () => {
    // Prepare
    const Widget = z.object({ widgetId: ResourceId, projectId: ResourceId });
    const routes = [
      widgetRoute('GetWidget', 'GET', WIDGET_PATH, Widget),
      widgetRoute('ListWidgets', 'GET', '/v1/projects/{projectId}/widgets', pageOf(Widget)),
      widgetRoute('CreateWidget', 'POST', '/v1/projects/{projectId}/widgets', z.object({ widgetId: ResourceId }), 201),
    ];

    // Act
    const violations = violationsWith(...routes);

    // Assess
    expect(violations).toEqual(
      expect.arrayContaining([
        'GET /v1/projects/{projectId}/widgets/{widgetId}: answers its own id as `widgetId`; name it `id`',
        'GET /v1/projects/{projectId}/widgets (items): answers its own id as `widgetId`; name it `id`',
        'POST /v1/projects/{projectId}/widgets: answers no `id` (the resource of /v1/projects/{projectId}/widgets/{widgetId})',
      ]),
    );
  });

  it('refuses a reference named after the resource rather than the path parameter that fetches it', () => {
    // Prepare: test runs are fetched at .../test-runs/{runId}
    const route = widgetRoute('GetWidget', 'GET', WIDGET_PATH, z.object({ id: ResourceId, testRunId: ResourceId }));

    // Act
    const violations = violationsWith(route);

    // Assess
    expect(violations).toEqual([
      'GET /v1/projects/{projectId}/widgets/{widgetId}: `testRunId` names a resource its path calls {runId}; name it `runId`',
    ]);
  });

  it('refuses a presigned link not named url beside an expiresAt, and a url beside expiresAt that is not presigned', () => {
    // Prepare
    const routes = [
      widgetRoute('GetWidget', 'GET', WIDGET_PATH, z.object({ id: ResourceId, downloadUrl: PresignedUrl })),
      widgetRoute(
        'GetWidgetExport',
        'GET',
        `${WIDGET_PATH}/export`,
        z.object({ url: z.string(), expiresAt: Timestamp }),
      ),
    ];

    // Act
    const violations = violationsWith(...routes);

    // Assess
    expect(violations).toEqual([
      'GET /v1/projects/{projectId}/widgets/{widgetId}: presigned link `downloadUrl` must be `url` beside an `expiresAt`',
      'GET /v1/projects/{projectId}/widgets/{widgetId}/export: `url` sits beside `expiresAt` but is not a PresignedUrl',
    ]);
  });
});
