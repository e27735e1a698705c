import { defineRoute } from '#shared/api/route-definition';
import { PageQuery } from '#shared/schemas/common';
import { ProjectParams } from '#shared/schemas/projects';
import {
  CaseHistoryQuery,
  CreateTestCaseBody,
  ListTestCasesQuery,
  TestCaseParams,
  UpdateTestCaseBody,
} from '#shared/schemas/test-cases';
import { InsightsQuery } from '#shared/schemas/test-runs';
import { CreateTestSuiteBody, TestSuiteParams, UpdateTestSuiteBody } from '#shared/schemas/test-suites';

// One export per route, each a `/* @__PURE__ */ defineRoute`: a handler imports its own route,
// so its bundle keeps that route's schemas only; the table below is for CDK, OpenAPI and the local gateway.

export const CreateTestCase = /* @__PURE__ */ defineRoute({
  id: 'CreateTestCase',
  method: 'POST',
  path: '/v1/projects/{projectId}/test-cases',
  handler: 'functions/test-cases/create-test-case.ts',
  auth: 'user',
  permission: { resource: 'testCase', action: 'manage' },
  summary: 'Creates a test case (api, scenario, performance, or a CI-run unit/integration/e2e case)',
  access: { table: 'readWrite', events: true },
  request: { params: ProjectParams, body: CreateTestCaseBody },
  response: { status: 201 },
});

export const ListTestCases = /* @__PURE__ */ defineRoute({
  id: 'ListTestCases',
  method: 'GET',
  path: '/v1/projects/{projectId}/test-cases',
  handler: 'functions/test-cases/list-test-cases.ts',
  auth: 'user',
  permission: { resource: 'testCase', action: 'read' },
  summary: "A project's test cases, newest first (filter by type, tag)",
  access: { table: 'read' },
  request: { params: ProjectParams, query: ListTestCasesQuery },
  response: { status: 200 },
});

export const GetTestCase = /* @__PURE__ */ defineRoute({
  id: 'GetTestCase',
  method: 'GET',
  path: '/v1/projects/{projectId}/test-cases/{caseId}',
  handler: 'functions/test-cases/get-test-case.ts',
  auth: 'user',
  permission: { resource: 'testCase', action: 'read' },
  summary: 'A test case with its spec',
  access: { table: 'read' },
  request: { params: TestCaseParams },
  response: { status: 200 },
});

export const UpdateTestCase = /* @__PURE__ */ defineRoute({
  id: 'UpdateTestCase',
  method: 'PATCH',
  path: '/v1/projects/{projectId}/test-cases/{caseId}',
  handler: 'functions/test-cases/update-test-case.ts',
  auth: 'user',
  permission: { resource: 'testCase', action: 'manage' },
  summary: 'Changes a test case (honours If-Match with its version)',
  access: { table: 'readWrite', events: true },
  request: { params: TestCaseParams, body: UpdateTestCaseBody },
  response: { status: 200 },
});

export const DeleteTestCase = /* @__PURE__ */ defineRoute({
  id: 'DeleteTestCase',
  method: 'DELETE',
  path: '/v1/projects/{projectId}/test-cases/{caseId}',
  handler: 'functions/test-cases/delete-test-case.ts',
  auth: 'user',
  permission: { resource: 'testCase', action: 'manage' },
  summary: 'Deletes a test case (its past results stay in their runs)',
  access: { table: 'readWrite', events: true },
  request: { params: TestCaseParams },
  response: { status: 204 },
});

export const GetTestCaseHistory = /* @__PURE__ */ defineRoute({
  id: 'GetTestCaseHistory',
  method: 'GET',
  path: '/v1/projects/{projectId}/test-cases/{caseId}/history',
  handler: 'functions/test-cases/get-test-case-history.ts',
  auth: 'user',
  permission: { resource: 'testCase', action: 'read' },
  summary: "A case's latest results, newest first, with run, commit, status, duration and flakiness",
  access: { table: 'read' },
  request: { params: TestCaseParams, query: CaseHistoryQuery },
  response: { status: 200 },
});

export const GetTestInsights = /* @__PURE__ */ defineRoute({
  id: 'GetTestInsights',
  method: 'GET',
  path: '/v1/projects/{projectId}/test-insights',
  handler: 'functions/test-cases/get-test-insights.ts',
  auth: 'user',
  permission: { resource: 'testRun', action: 'read' },
  summary: 'Flakiest and most-failed cases, slowest cases and pass-rate trend per suite over recent runs',
  access: { table: 'read' },
  request: { params: ProjectParams, query: InsightsQuery },
  response: { status: 200 },
});

export const CreateTestSuite = /* @__PURE__ */ defineRoute({
  id: 'CreateTestSuite',
  method: 'POST',
  path: '/v1/projects/{projectId}/test-suites',
  handler: 'functions/test-cases/create-test-suite.ts',
  auth: 'user',
  permission: { resource: 'testSuite', action: 'manage' },
  summary: 'Creates a suite: listed cases and/or cases selected by tag',
  access: { table: 'readWrite', events: true },
  request: { params: ProjectParams, body: CreateTestSuiteBody },
  response: { status: 201 },
});

export const ListTestSuites = /* @__PURE__ */ defineRoute({
  id: 'ListTestSuites',
  method: 'GET',
  path: '/v1/projects/{projectId}/test-suites',
  handler: 'functions/test-cases/list-test-suites.ts',
  auth: 'user',
  permission: { resource: 'testSuite', action: 'read' },
  summary: "A project's test suites, newest first",
  access: { table: 'read' },
  request: { params: ProjectParams, query: PageQuery },
  response: { status: 200 },
});

export const GetTestSuite = /* @__PURE__ */ defineRoute({
  id: 'GetTestSuite',
  method: 'GET',
  path: '/v1/projects/{projectId}/test-suites/{suiteId}',
  handler: 'functions/test-cases/get-test-suite.ts',
  auth: 'user',
  permission: { resource: 'testSuite', action: 'read' },
  summary: 'A test suite',
  access: { table: 'read' },
  request: { params: TestSuiteParams },
  response: { status: 200 },
});

export const UpdateTestSuite = /* @__PURE__ */ defineRoute({
  id: 'UpdateTestSuite',
  method: 'PATCH',
  path: '/v1/projects/{projectId}/test-suites/{suiteId}',
  handler: 'functions/test-cases/update-test-suite.ts',
  auth: 'user',
  permission: { resource: 'testSuite', action: 'manage' },
  summary: 'Changes a test suite (honours If-Match with its version)',
  access: { table: 'readWrite', events: true },
  request: { params: TestSuiteParams, body: UpdateTestSuiteBody },
  response: { status: 200 },
});

export const DeleteTestSuite = /* @__PURE__ */ defineRoute({
  id: 'DeleteTestSuite',
  method: 'DELETE',
  path: '/v1/projects/{projectId}/test-suites/{suiteId}',
  handler: 'functions/test-cases/delete-test-suite.ts',
  auth: 'user',
  permission: { resource: 'testSuite', action: 'manage' },
  summary: 'Deletes a test suite (its runs stay)',
  access: { table: 'readWrite', events: true },
  request: { params: TestSuiteParams },
  response: { status: 204 },
});

/** Routes served by functions/test-cases/: cases, suites, case history and insights. */
export const TEST_CASES_ROUTES = {
  CreateTestCase,
  ListTestCases,
  GetTestCase,
  UpdateTestCase,
  DeleteTestCase,
  GetTestCaseHistory,
  GetTestInsights,
  CreateTestSuite,
  ListTestSuites,
  GetTestSuite,
  UpdateTestSuite,
  DeleteTestSuite,
};
