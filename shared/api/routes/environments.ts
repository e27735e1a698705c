import { defineRoute } from '#shared/api/route-definition';
import { PageQuery } from '#shared/schemas/common';
import { CreateEnvironmentBody, EnvironmentParams, UpdateEnvironmentBody } from '#shared/schemas/environments';
import { ProjectParams } from '#shared/schemas/projects';

// One export per route, each a `/* @__PURE__ */ defineRoute`: a handler imports its own route,
// so its bundle keeps that route's schemas only; the table below is for CDK, OpenAPI and the local gateway.

export const CreateEnvironment = /* @__PURE__ */ defineRoute({
  id: 'CreateEnvironment',
  method: 'POST',
  path: '/v1/projects/{projectId}/environments',
  handler: 'functions/environments/create-environment.ts',
  auth: 'user',
  permission: { resource: 'environment', action: 'manage' },
  summary: 'Creates an environment (deploy target secret is write-only)',
  access: { table: 'readWrite', events: true, secrets: ['encrypt'] },
  request: { params: ProjectParams, body: CreateEnvironmentBody },
  response: { status: 201 },
});

export const ListEnvironments = /* @__PURE__ */ defineRoute({
  id: 'ListEnvironments',
  method: 'GET',
  path: '/v1/projects/{projectId}/environments',
  handler: 'functions/environments/list-environments.ts',
  auth: 'user',
  permission: { resource: 'environment', action: 'read' },
  summary: "A project's environments",
  access: { table: 'read' },
  request: { params: ProjectParams, query: PageQuery },
  response: { status: 200 },
});

export const GetEnvironment = /* @__PURE__ */ defineRoute({
  id: 'GetEnvironment',
  method: 'GET',
  path: '/v1/projects/{projectId}/environments/{environmentId}',
  handler: 'functions/environments/get-environment.ts',
  auth: 'user',
  permission: { resource: 'environment', action: 'read' },
  summary: 'An environment with its current version',
  access: { table: 'read' },
  request: { params: EnvironmentParams },
  response: { status: 200 },
});

export const UpdateEnvironment = /* @__PURE__ */ defineRoute({
  id: 'UpdateEnvironment',
  method: 'PATCH',
  path: '/v1/projects/{projectId}/environments/{environmentId}',
  handler: 'functions/environments/update-environment.ts',
  auth: 'user',
  permission: { resource: 'environment', action: 'manage' },
  summary: 'Updates an environment (honours If-Match with the version)',
  access: { table: 'readWrite', events: true, secrets: ['encrypt'] },
  request: { params: EnvironmentParams, body: UpdateEnvironmentBody },
  response: { status: 200 },
});

export const DeleteEnvironment = /* @__PURE__ */ defineRoute({
  id: 'DeleteEnvironment',
  method: 'DELETE',
  path: '/v1/projects/{projectId}/environments/{environmentId}',
  handler: 'functions/environments/delete-environment.ts',
  auth: 'user',
  permission: { resource: 'environment', action: 'manage' },
  summary: 'Deletes an environment (409 while a deployment runs against it)',
  access: { table: 'readWrite', events: true },
  request: { params: EnvironmentParams },
  response: { status: 204 },
});

/** Routes served by functions/environments/. */
export const ENVIRONMENTS_ROUTES = {
  CreateEnvironment,
  ListEnvironments,
  GetEnvironment,
  UpdateEnvironment,
  DeleteEnvironment,
};
