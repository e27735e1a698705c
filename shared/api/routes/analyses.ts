import { defineRoute } from '#shared/api/route-definition';
import {
  AnalysisFileParams,
  AnalysisParams,
  AnalysisReportQuery,
  AnalysisTrendQuery,
  CreateAnalysisBody,
  DependenciesQuery,
  ListAnalysesQuery,
  ListAnalysisFilesQuery,
} from '#shared/schemas/analyses';
import { PageQuery } from '#shared/schemas/common';
import { ProjectParams } from '#shared/schemas/projects';
import { CODE_ANALYSIS_MACHINE } from '#shared/workflows/state-machines';

export const CreateAnalysis = /* @__PURE__ */ defineRoute({
  id: 'CreateAnalysis',
  method: 'POST',
  path: '/v1/projects/{projectId}/analyses',
  handler: 'functions/analyses/create-analysis.ts',
  auth: 'user',
  permission: { resource: 'analysis', action: 'create' },
  summary:
    'Analyses a snapshot: an archive answers 201 with a presigned PUT (the upload starts the analysis), a git ref of the project repository 202 queued (honours Idempotency-Key)',
  access: { table: 'readWrite', artifacts: 'readWrite', stateMachines: [CODE_ANALYSIS_MACHINE] },
  request: { params: ProjectParams, body: CreateAnalysisBody, idempotencyKey: true },
  response: { status: 201 },
});

export const ListAnalyses = /* @__PURE__ */ defineRoute({
  id: 'ListAnalyses',
  method: 'GET',
  path: '/v1/projects/{projectId}/analyses',
  handler: 'functions/analyses/list-analyses.ts',
  auth: 'user',
  permission: { resource: 'analysis', action: 'read' },
  summary: "A project's analyses, newest first (filter by branch, status)",
  access: { table: 'read' },
  request: { params: ProjectParams, query: ListAnalysesQuery },
  response: { status: 200 },
});

export const GetAnalysis = /* @__PURE__ */ defineRoute({
  id: 'GetAnalysis',
  method: 'GET',
  path: '/v1/projects/{projectId}/analyses/{analysisId}',
  handler: 'functions/analyses/get-analysis.ts',
  auth: 'user',
  permission: { resource: 'analysis', action: 'read' },
  summary: 'An analysis: status, failure {code, detail}, and its summary once completed',
  access: { table: 'read' },
  request: { params: AnalysisParams },
  response: { status: 200 },
});

export const ListAnalysisFiles = /* @__PURE__ */ defineRoute({
  id: 'ListAnalysisFiles',
  method: 'GET',
  path: '/v1/projects/{projectId}/analyses/{analysisId}/files',
  handler: 'functions/analyses/list-analysis-files.ts',
  auth: 'user',
  permission: { resource: 'analysis', action: 'read' },
  summary:
    "A completed analysis's files with their metrics (sort by path, code, complexity, duplication; filter by language, path)",
  access: { table: 'read', artifacts: 'read' },
  request: { params: AnalysisParams, query: ListAnalysisFilesQuery },
  response: { status: 200 },
});

export const GetAnalysisFile = /* @__PURE__ */ defineRoute({
  id: 'GetAnalysisFile',
  method: 'GET',
  path: '/v1/projects/{projectId}/analyses/{analysisId}/files/{path+}',
  handler: 'functions/analyses/get-analysis-file.ts',
  auth: 'user',
  permission: { resource: 'analysis', action: 'read' },
  summary: 'One analysed file with its functions (lines, parameters, cyclomatic and cognitive complexity)',
  access: { table: 'read', artifacts: 'read' },
  request: { params: AnalysisFileParams },
  response: { status: 200 },
});

export const ListAnalysisDuplications = /* @__PURE__ */ defineRoute({
  id: 'ListAnalysisDuplications',
  method: 'GET',
  path: '/v1/projects/{projectId}/analyses/{analysisId}/duplications',
  handler: 'functions/analyses/list-analysis-duplications.ts',
  auth: 'user',
  permission: { resource: 'analysis', action: 'read' },
  summary: "A completed analysis's duplicated blocks with every occurrence, largest first",
  access: { table: 'read', artifacts: 'read' },
  request: { params: AnalysisParams, query: PageQuery },
  response: { status: 200 },
});

export const GetAnalysisDependencies = /* @__PURE__ */ defineRoute({
  id: 'GetAnalysisDependencies',
  method: 'GET',
  path: '/v1/projects/{projectId}/analyses/{analysisId}/dependencies',
  handler: 'functions/analyses/get-analysis-dependencies.ts',
  auth: 'user',
  permission: { resource: 'analysis', action: 'read' },
  summary:
    "A completed analysis's external dependencies and import cycles, or a CycloneDX 1.6 SBOM (?format=cyclonedx)",
  access: { table: 'read', artifacts: 'read' },
  request: { params: AnalysisParams, query: DependenciesQuery },
  response: { status: 200 },
});

export const GetAnalysisReport = /* @__PURE__ */ defineRoute({
  id: 'GetAnalysisReport',
  method: 'GET',
  path: '/v1/projects/{projectId}/analyses/{analysisId}/report',
  handler: 'functions/analyses/get-analysis-report.ts',
  auth: 'user',
  permission: { resource: 'analysis', action: 'read' },
  summary:
    "A presigned link to a completed analysis's report: JSON (summary and every result), SARIF 2.1.0, or a self-contained HTML page",
  access: { table: 'read', artifacts: 'readWrite' },
  request: { params: AnalysisParams, query: AnalysisReportQuery },
  response: { status: 200 },
});

// `/analyses/trend` is a literal segment where GetAnalysis has `{analysisId}`: API Gateway and
// the local gateway both prefer the literal, so this route wins for that path.
export const GetAnalysisTrend = /* @__PURE__ */ defineRoute({
  id: 'GetAnalysisTrend',
  method: 'GET',
  path: '/v1/projects/{projectId}/analyses/trend',
  handler: 'functions/analyses/get-analysis-trend.ts',
  auth: 'user',
  permission: { resource: 'analysis', action: 'read' },
  summary:
    "A branch's trend: its completed analyses newest first (cursor to go back), each with code lines, functions, max cyclomatic complexity, duplication % and cycles",
  access: { table: 'read' },
  request: { params: ProjectParams, query: AnalysisTrendQuery },
  response: { status: 200 },
});

/** Routes served by functions/analyses/: code analyses of a project's snapshots and their results. */
export const ANALYSES_ROUTES = {
  CreateAnalysis,
  ListAnalyses,
  GetAnalysis,
  ListAnalysisFiles,
  GetAnalysisFile,
  ListAnalysisDuplications,
  GetAnalysisDependencies,
  GetAnalysisReport,
  GetAnalysisTrend,
};
