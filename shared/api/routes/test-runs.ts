import { defineRoute } from '#shared/api/route-definition';
import { ProjectParams } from '#shared/schemas/projects';
import {
  CreateImportUploadBody,
  CreateTestRunBody,
  ImportParams,
  ImportQuery,
  ListTestRunsQuery,
  ReportQuery,
  RunResultsQuery,
  TestRunParams,
} from '#shared/schemas/test-runs';
import { TEST_RUN_MACHINE } from '#shared/workflows/state-machines';

// One export per route, each a `/* @__PURE__ */ defineRoute`: a handler imports its own route,
// so its bundle keeps that route's schemas only; the table below is for CDK, OpenAPI and the local gateway.

export const CreateTestRun = /* @__PURE__ */ defineRoute({
  id: 'CreateTestRun',
  method: 'POST',
  path: '/v1/projects/{projectId}/test-runs',
  handler: 'functions/test-runs/create-test-run.ts',
  auth: 'user',
  permission: { resource: 'testRun', action: 'create' },
  summary: 'Runs a suite or a list of cases against an environment (honours Idempotency-Key)',
  access: { table: 'readWrite', stateMachines: [TEST_RUN_MACHINE] },
  request: { params: ProjectParams, body: CreateTestRunBody, idempotencyKey: true },
  response: { status: 202 },
});

export const ListTestRuns = /* @__PURE__ */ defineRoute({
  id: 'ListTestRuns',
  method: 'GET',
  path: '/v1/projects/{projectId}/test-runs',
  handler: 'functions/test-runs/list-test-runs.ts',
  auth: 'user',
  permission: { resource: 'testRun', action: 'read' },
  summary: "A project's test runs, newest first (filter by suiteId, status)",
  access: { table: 'read' },
  request: { params: ProjectParams, query: ListTestRunsQuery },
  response: { status: 200 },
});

export const GetTestRun = /* @__PURE__ */ defineRoute({
  id: 'GetTestRun',
  method: 'GET',
  path: '/v1/projects/{projectId}/test-runs/{runId}',
  handler: 'functions/test-runs/get-test-run.ts',
  auth: 'user',
  permission: { resource: 'testRun', action: 'read' },
  summary: 'A test run: status, summary, new failures and its first results',
  access: { table: 'read' },
  request: { params: TestRunParams },
  response: { status: 200 },
});

export const ListTestRunResults = /* @__PURE__ */ defineRoute({
  id: 'ListTestRunResults',
  method: 'GET',
  path: '/v1/projects/{projectId}/test-runs/{runId}/results',
  handler: 'functions/test-runs/list-test-run-results.ts',
  auth: 'user',
  permission: { resource: 'testRun', action: 'read' },
  summary: "A run's per-case results with assertion outcomes (filter by status)",
  access: { table: 'read' },
  request: { params: TestRunParams, query: RunResultsQuery },
  response: { status: 200 },
});

export const GetTestRunReport = /* @__PURE__ */ defineRoute({
  id: 'GetTestRunReport',
  method: 'GET',
  path: '/v1/projects/{projectId}/test-runs/{runId}/report',
  handler: 'functions/test-runs/get-test-run-report.ts',
  auth: 'user',
  permission: { resource: 'testRun', action: 'read' },
  summary: 'A presigned link to the run report as JSON, JUnit XML or a self-contained HTML page',
  access: { table: 'read', artifacts: 'readWrite' },
  request: { params: TestRunParams, query: ReportQuery },
  response: { status: 200 },
});

export const ImportTestResults = /* @__PURE__ */ defineRoute({
  id: 'ImportTestResults',
  method: 'POST',
  path: '/v1/projects/{projectId}/test-runs/imports',
  handler: 'functions/test-runs/import-test-results.ts',
  auth: 'user',
  permission: { resource: 'testRun', action: 'create' },
  summary:
    'Imports a JUnit XML report (body up to 5 MB, Content-Type: application/xml) as a finished run (honours Idempotency-Key)',
  access: { table: 'readWrite', events: true },
  request: { params: ProjectParams, query: ImportQuery, xmlBody: true, idempotencyKey: true },
  response: { status: 201 },
});

export const CreateImportUpload = /* @__PURE__ */ defineRoute({
  id: 'CreateImportUpload',
  method: 'POST',
  path: '/v1/projects/{projectId}/test-runs/imports/uploads',
  handler: 'functions/test-runs/create-import-upload.ts',
  auth: 'user',
  permission: { resource: 'testRun', action: 'create' },
  summary: 'A presigned PUT for a JUnit report up to 200 MB; the import runs once it is uploaded',
  access: { table: 'readWrite', artifacts: 'readWrite' },
  request: { params: ProjectParams, body: CreateImportUploadBody },
  response: { status: 201 },
});

export const GetImport = /* @__PURE__ */ defineRoute({
  id: 'GetImport',
  method: 'GET',
  path: '/v1/projects/{projectId}/test-runs/imports/{importId}',
  handler: 'functions/test-runs/get-import.ts',
  auth: 'user',
  permission: { resource: 'testRun', action: 'read' },
  summary: 'The status of an uploaded import and the run it created',
  access: { table: 'read' },
  request: { params: ImportParams },
  response: { status: 200 },
});

/** Routes served by functions/test-runs/: runs, their results and reports, JUnit imports. */
export const TEST_RUNS_ROUTES = {
  CreateTestRun,
  ListTestRuns,
  GetTestRun,
  ListTestRunResults,
  GetTestRunReport,
  ImportTestResults,
  CreateImportUpload,
  GetImport,
};
