import { defineRoute } from '#shared/api/route-definition';
import { PageQuery } from '#shared/schemas/common';
import { PipelineBody, PipelineParams } from '#shared/schemas/pipelines';
import { ProjectParams } from '#shared/schemas/projects';

// One export per route, each a `/* @__PURE__ */ defineRoute`: a handler imports its own route,
// so its bundle keeps that route's schemas only; the table below is for CDK, OpenAPI and the local gateway.

export const CreatePipeline = /* @__PURE__ */ defineRoute({
  id: 'CreatePipeline',
  method: 'POST',
  path: '/v1/projects/{projectId}/pipelines',
  handler: 'functions/pipelines/create-pipeline.ts',
  auth: 'user',
  permission: { resource: 'pipeline', action: 'manage' },
  summary: 'Creates a pipeline (version 1); webhook secrets are write-only',
  access: { table: 'readWrite', events: true, secrets: ['encrypt'] },
  request: { params: ProjectParams, body: PipelineBody },
  response: { status: 201 },
});

export const ListPipelines = /* @__PURE__ */ defineRoute({
  id: 'ListPipelines',
  method: 'GET',
  path: '/v1/projects/{projectId}/pipelines',
  handler: 'functions/pipelines/list-pipelines.ts',
  auth: 'user',
  permission: { resource: 'pipeline', action: 'read' },
  summary: "A project's pipelines (latest versions)",
  access: { table: 'read' },
  request: { params: ProjectParams, query: PageQuery },
  response: { status: 200 },
});

export const GetPipeline = /* @__PURE__ */ defineRoute({
  id: 'GetPipeline',
  method: 'GET',
  path: '/v1/projects/{projectId}/pipelines/{pipelineId}',
  handler: 'functions/pipelines/get-pipeline.ts',
  auth: 'user',
  permission: { resource: 'pipeline', action: 'read' },
  summary: "A pipeline's latest version",
  access: { table: 'read' },
  request: { params: PipelineParams },
  response: { status: 200 },
});

export const ReplacePipeline = /* @__PURE__ */ defineRoute({
  id: 'ReplacePipeline',
  method: 'PUT',
  path: '/v1/projects/{projectId}/pipelines/{pipelineId}',
  handler: 'functions/pipelines/replace-pipeline.ts',
  auth: 'user',
  permission: { resource: 'pipeline', action: 'manage' },
  summary: 'Saves a new version of a pipeline; running deployments keep theirs',
  access: { table: 'readWrite', events: true, secrets: ['encrypt', 'decrypt'] },
  request: { params: PipelineParams, body: PipelineBody },
  response: { status: 200 },
});

export const DeletePipeline = /* @__PURE__ */ defineRoute({
  id: 'DeletePipeline',
  method: 'DELETE',
  path: '/v1/projects/{projectId}/pipelines/{pipelineId}',
  handler: 'functions/pipelines/delete-pipeline.ts',
  auth: 'user',
  permission: { resource: 'pipeline', action: 'manage' },
  summary: 'Deletes a pipeline (its versions stay with the deployments that ran them)',
  access: { table: 'readWrite', events: true },
  request: { params: PipelineParams },
  response: { status: 204 },
});

/** Routes served by functions/pipelines/. */
export const PIPELINES_ROUTES = { CreatePipeline, ListPipelines, GetPipeline, ReplacePipeline, DeletePipeline };
