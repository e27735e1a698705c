import { defineRoute } from '#shared/api/route-definition';
import { API_REFERENCE_SCRIPT } from '#shared/platform/api-reference';

// One export per route, each a `/* @__PURE__ */ defineRoute`: a handler imports its own route,
// so its bundle keeps that route's schemas only; the table below is for CDK, OpenAPI and the local gateway.

export const GetHealth = /* @__PURE__ */ defineRoute({
  id: 'GetHealth',
  method: 'GET',
  path: '/v1/health',
  handler: 'functions/platform/get-health.ts',
  auth: 'public',
  summary: 'Reports whether the platform can reach its table and bucket',
  access: { table: 'read', artifacts: 'read' },
  response: { status: 200 },
});

export const GetOpenApiDocument = /* @__PURE__ */ defineRoute({
  id: 'GetOpenApiDocument',
  method: 'GET',
  path: '/v1/openapi.json',
  handler: 'functions/platform/get-openapi.ts',
  auth: 'public',
  summary: 'The OpenAPI 3.1 document of this API',
  access: {},
  response: { status: 200, mediaType: 'application/json' },
});

export const GetApiReference = /* @__PURE__ */ defineRoute({
  id: 'GetApiReference',
  method: 'GET',
  path: '/v1/docs',
  handler: 'functions/platform/get-api-reference.ts',
  auth: 'public',
  summary: 'The API reference: an HTML page rendering the OpenAPI document with Redoc',
  access: {},
  response: { status: 200, mediaType: 'text/html' },
});

export const GetApiReferenceScript = /* @__PURE__ */ defineRoute({
  id: 'GetApiReferenceScript',
  method: 'GET',
  path: '/v1/docs/redoc.standalone.js',
  handler: 'functions/platform/get-api-reference-script.ts',
  auth: 'public',
  summary: 'The Redoc script the API reference page runs, served by the API itself (no CDN)',
  access: {},
  packageFiles: [API_REFERENCE_SCRIPT],
  response: { status: 200, mediaType: 'text/javascript' },
});

/** Routes served by functions/platform/. */
export const PLATFORM_ROUTES = { GetHealth, GetOpenApiDocument, GetApiReference, GetApiReferenceScript };
