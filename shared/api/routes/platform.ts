import { defineRoute } from '#shared/api/route-definition';
import { Health } from '#shared/schemas/platform';

/** Routes served by functions/platform/. */
export const PLATFORM_ROUTES = {
  GetHealth: defineRoute({
    id: 'GetHealth',
    method: 'GET',
    path: '/v1/health',
    handler: 'functions/platform/get-health.ts',
    auth: 'public',
    summary: 'Reports whether the platform can reach its table and bucket',
    access: { table: 'read', artifacts: 'read' },
    response: { status: 200, body: Health },
  }),
  GetOpenApiDocument: defineRoute({
    id: 'GetOpenApiDocument',
    method: 'GET',
    path: '/v1/openapi.json',
    handler: 'functions/platform/get-openapi.ts',
    auth: 'public',
    summary: 'The OpenAPI 3.1 document of this API',
    access: {},
    response: { status: 200, body: null },
  }),
};
