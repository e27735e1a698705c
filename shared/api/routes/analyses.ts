import { defineRoute } from '#shared/api/route-definition';
import {
  AnalysisFileParams,
  AnalysisParams,
  AnalysisReportQuery,
  AnalysisTrendQuery,
  AttachCoverageQuery,
  CreateAnalysisBody,
  DependenciesQuery,
  ListAnalysesQuery,
  ListAnalysisFilesQuery,
} from '#shared/schemas/analyses';
import { PageQuery } from '#shared/schemas/common';
import { ProjectParams } from '#shared/schemas/projects';
import { QualityGateInput } from '#shared/schemas/quality-gate';
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
  response: {
    status: 201,
    otherStatuses: [202],
    descriptions: {
      201: 'Created (archive source): the analysis waits for its upload; PUT the archive to `url` with `headers` before `expiresAt`',
      202: 'Accepted (git source): the analysis is queued; poll it by its id',
    },
  },
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
    "A completed analysis's files with their metrics and change since the base analysis (sort by path, code, complexity, duplication; filter by language, path, newCode=true)",
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

export const GetAnalysisNewCode = /* @__PURE__ */ defineRoute({
  id: 'GetAnalysisNewCode',
  method: 'GET',
  path: '/v1/projects/{projectId}/analyses/{analysisId}/new-code',
  handler: 'functions/analyses/get-analysis-new-code.ts',
  auth: 'user',
  permission: { resource: 'analysis', action: 'read' },
  summary:
    "What changed since a completed analysis's base analysis: files added, changed and removed, and a page of the new or changed functions (404 without a base)",
  access: { table: 'read', artifacts: 'read' },
  request: { params: AnalysisParams, query: PageQuery },
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
  description:
    "A presigned link to a completed analysis's report: JSON (summary and every result), SARIF 2.1.0, or a self-contained HTML page. " +
    'Each report variant is rendered on its first request (HTML per language and time zone, SARIF per language) and kept.\n\n' +
    'The SARIF rules (their texts are in the report language; the thresholds are those of the project quality gate, 15 by default):\n\n' +
    '| rule | name | level | finding |\n|---|---|---|---|\n' +
    '| TRL1001 | FunctionTooComplex | warning | a function whose cyclomatic complexity is above the threshold |\n' +
    '| TRL1002 | FunctionHardToUnderstand | note | a function whose cognitive complexity (SonarSource) is above the threshold |\n' +
    '| TRL2001 | DuplicatedCode | warning | a duplicated block (identifiers and literals normalized), at its first occurrence with the others as related locations |\n' +
    '| TRL3001 | DependencyCycle | warning | an import cycle, at one of its files with the example path as related locations |',
  access: { table: 'read', artifacts: 'readWrite', publicApiUrl: true },
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
    "A branch's trend: its completed analyses newest first (cursor to go back), each with code lines, functions, max cyclomatic complexity, duplication %, cycles and new-code lines",
  access: { table: 'read' },
  request: { params: ProjectParams, query: AnalysisTrendQuery },
  response: { status: 200 },
});

export const AttachAnalysisCoverage = /* @__PURE__ */ defineRoute({
  id: 'AttachAnalysisCoverage',
  method: 'POST',
  path: '/v1/projects/{projectId}/analyses/{analysisId}/coverage',
  handler: 'functions/analyses/attach-analysis-coverage.ts',
  auth: 'user',
  permission: { resource: 'analysis', action: 'create' },
  summary:
    'Attaches a CI coverage report (lcov, Cobertura or JaCoCo; body up to 5 MB as text/plain or application/xml) to an analysis, replacing any earlier one: 200 with the coverage and the gate judged again on a completed analysis, 202 while it runs',
  access: { table: 'readWrite', artifacts: 'readWrite', events: true },
  request: { params: AnalysisParams, query: AttachCoverageQuery, textBody: true },
  response: { status: 200, otherStatuses: [202] },
});

export const GetQualityGate = /* @__PURE__ */ defineRoute({
  id: 'GetQualityGate',
  method: 'GET',
  path: '/v1/projects/{projectId}/quality-gate',
  handler: 'functions/analyses/get-quality-gate.ts',
  auth: 'user',
  permission: { resource: 'qualityGate', action: 'read' },
  summary: "The project's quality gate: its conditions, or the default gate (isDefault) until one is set",
  access: { table: 'read' },
  request: { params: ProjectParams },
  response: { status: 200 },
});

export const PutQualityGate = /* @__PURE__ */ defineRoute({
  id: 'PutQualityGate',
  method: 'PUT',
  path: '/v1/projects/{projectId}/quality-gate',
  handler: 'functions/analyses/put-quality-gate.ts',
  auth: 'user',
  permission: { resource: 'qualityGate', action: 'update' },
  summary:
    "Sets the project's quality gate: conditions {metric, operator, threshold, onNewCode} every later analysis is judged by",
  access: { table: 'readWrite', events: true },
  request: { params: ProjectParams, body: QualityGateInput },
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
  GetAnalysisNewCode,
  GetAnalysisReport,
  GetAnalysisTrend,
  AttachAnalysisCoverage,
  GetQualityGate,
  PutQualityGate,
};
