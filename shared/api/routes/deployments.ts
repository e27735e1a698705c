import { defineRoute } from '#shared/api/route-definition';
import { PageQuery } from '#shared/schemas/common';
import {
  ApprovalBody,
  CallbackBody,
  CallbackParams,
  CancelBody,
  CreateDeploymentBody,
  DeploymentParams,
  ListDeploymentsQuery,
} from '#shared/schemas/deployments';
import { EnvironmentParams } from '#shared/schemas/environments';
import { ProjectParams } from '#shared/schemas/projects';
import { DEPLOYMENT_PIPELINE } from '#shared/workflows/state-machines';

// One export per route, each a `/* @__PURE__ */ defineRoute`: a handler imports its own route,
// so its bundle keeps that route's schemas only; the table below is for CDK, OpenAPI and the local gateway.

const RUNS = { table: 'readWrite', events: true, stateMachines: [DEPLOYMENT_PIPELINE] } as const;

export const CreateDeployment = /* @__PURE__ */ defineRoute({
  id: 'CreateDeployment',
  method: 'POST',
  path: '/v1/projects/{projectId}/deployments',
  handler: 'functions/deployments/create-deployment.ts',
  auth: 'user',
  permission: { resource: 'deployment', action: 'create' },
  summary:
    'Queues a pipeline run against an environment (honours Idempotency-Key); 409 when busy and concurrency is reject',
  access: RUNS,
  request: { params: ProjectParams, body: CreateDeploymentBody, idempotencyKey: true },
  response: { status: 202 },
});

export const ListDeployments = /* @__PURE__ */ defineRoute({
  id: 'ListDeployments',
  method: 'GET',
  path: '/v1/projects/{projectId}/deployments',
  handler: 'functions/deployments/list-deployments.ts',
  auth: 'user',
  permission: { resource: 'deployment', action: 'read' },
  summary: "A project's deployments, newest first (filter by environmentId, status)",
  access: { table: 'read' },
  request: { params: ProjectParams, query: ListDeploymentsQuery },
  response: { status: 200 },
});

export const GetDeployment = /* @__PURE__ */ defineRoute({
  id: 'GetDeployment',
  method: 'GET',
  path: '/v1/projects/{projectId}/deployments/{deploymentId}',
  handler: 'functions/deployments/get-deployment.ts',
  auth: 'user',
  permission: { resource: 'deployment', action: 'read' },
  summary: 'A deployment with each stage, its approvals, log URL and failure reason',
  access: { table: 'read' },
  request: { params: DeploymentParams },
  response: { status: 200 },
});

export const CancelDeployment = /* @__PURE__ */ defineRoute({
  id: 'CancelDeployment',
  method: 'POST',
  path: '/v1/projects/{projectId}/deployments/{deploymentId}/cancel',
  handler: 'functions/deployments/cancel-deployment.ts',
  auth: 'user',
  permission: { resource: 'deployment', action: 'cancel' },
  summary: 'Cancels a queued or running deployment and releases the environment',
  access: RUNS,
  request: { params: DeploymentParams, body: CancelBody },
  response: { status: 200 },
});

export const DecideApproval = /* @__PURE__ */ defineRoute({
  id: 'DecideApproval',
  method: 'POST',
  path: '/v1/projects/{projectId}/deployments/{deploymentId}/approvals',
  handler: 'functions/deployments/decide-approval.ts',
  auth: 'user',
  permission: { resource: 'deployment', action: 'approve' },
  summary: 'Approves or rejects the stage waiting for approval',
  access: RUNS,
  request: { params: DeploymentParams, body: ApprovalBody },
  response: { status: 200 },
});

export const ReceiveCallback = /* @__PURE__ */ defineRoute({
  id: 'ReceiveCallback',
  method: 'POST',
  path: '/v1/callbacks/{callbackId}',
  handler: 'functions/deployments/receive-callback.ts',
  auth: 'public',
  summary: 'An external system reports a webhook stage outcome (HMAC-signed with the stage secret)',
  // Written out rather than spread: esbuild cannot drop a pure call whose argument spreads an object.
  access: { table: 'readWrite', events: true, stateMachines: [DEPLOYMENT_PIPELINE], secrets: ['decrypt'] },
  request: { params: CallbackParams, body: CallbackBody },
  response: { status: 204 },
});

export const ListEnvironmentDeployments = /* @__PURE__ */ defineRoute({
  id: 'ListEnvironmentDeployments',
  method: 'GET',
  path: '/v1/projects/{projectId}/environments/{environmentId}/deployments',
  handler: 'functions/deployments/list-environment-deployments.ts',
  auth: 'user',
  permission: { resource: 'deployment', action: 'read' },
  summary: "An environment's deployment history, newest first",
  access: { table: 'read' },
  request: { params: EnvironmentParams, query: PageQuery },
  response: { status: 200 },
});

/** Routes served by functions/deployments/. */
export const DEPLOYMENTS_ROUTES = {
  CreateDeployment,
  ListDeployments,
  GetDeployment,
  CancelDeployment,
  DecideApproval,
  ReceiveCallback,
  ListEnvironmentDeployments,
};
