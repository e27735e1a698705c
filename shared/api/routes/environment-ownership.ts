import { defineRoute } from '#shared/api/route-definition';
import { EnvironmentParams } from '#shared/schemas/environments';

// One export per route, each a `/* @__PURE__ */ defineRoute`: a handler imports its own route,
// so its bundle keeps that route's schemas only; the table below is for CDK, OpenAPI and the local gateway.

export const VerifyEnvironmentOwnership = /* @__PURE__ */ defineRoute({
  id: 'VerifyEnvironmentOwnership',
  method: 'POST',
  path: '/v1/projects/{projectId}/environments/{environmentId}/verify',
  handler: 'functions/environments/verify-environment-ownership.ts',
  auth: 'user',
  permission: { resource: 'environment', action: 'manage' },
  summary:
    "Verifies the environment's host: its token at /.well-known/trellis-verification.txt or in the TXT record _trellis-verification.<host> (load tests may then target it)",
  access: { table: 'readWrite' },
  request: { params: EnvironmentParams },
  response: { status: 200 },
});

/** Routes served by functions/environments/ that prove an environment's host is the project's. */
export const ENVIRONMENT_OWNERSHIP_ROUTES = { VerifyEnvironmentOwnership };
