import { describe, expect, it } from 'vitest';
import { ROUTES } from '#shared/api/routes';
import { minimumRole } from '#shared/auth/permissions';
import type { ProjectRole } from '#shared/schemas/projects';

// The route table is the one place a route's permission is written; the handler kit enforces
// it. This pins each project-scoped route's minimum role as the API reference states it, so
// changing a route's permission or the permission table without the other fails here, in
// seconds; the authorization-matrix integration test proves the same end to end.
const MINIMUM_ROLE: Record<string, ProjectRole> = {
  GetProject: 'viewer',
  UpdateProject: 'maintainer',
  DeleteProject: 'owner',
  ListMembers: 'viewer',
  PutMember: 'maintainer',
  RemoveMember: 'maintainer',
  CreateInvitation: 'maintainer',
  ListInvitations: 'maintainer',
  RevokeInvitation: 'maintainer',
  CreateEnvironment: 'maintainer',
  ListEnvironments: 'viewer',
  GetEnvironment: 'viewer',
  UpdateEnvironment: 'maintainer',
  DeleteEnvironment: 'maintainer',
  VerifyEnvironmentOwnership: 'maintainer',
  CreatePipeline: 'maintainer',
  ListPipelines: 'viewer',
  GetPipeline: 'viewer',
  ReplacePipeline: 'maintainer',
  DeletePipeline: 'maintainer',
  CreateDeployment: 'developer',
  ListDeployments: 'viewer',
  GetDeployment: 'viewer',
  CancelDeployment: 'developer',
  DecideApproval: 'developer',
  ListEnvironmentDeployments: 'viewer',
  CreateTestCase: 'developer',
  ListTestCases: 'viewer',
  GetTestCase: 'viewer',
  UpdateTestCase: 'developer',
  DeleteTestCase: 'developer',
  GetTestCaseHistory: 'viewer',
  GetTestInsights: 'viewer',
  CreateTestSuite: 'developer',
  ListTestSuites: 'viewer',
  GetTestSuite: 'viewer',
  UpdateTestSuite: 'developer',
  DeleteTestSuite: 'developer',
  CreateTestRun: 'developer',
  ListTestRuns: 'viewer',
  GetTestRun: 'viewer',
  ListTestRunResults: 'viewer',
  GetTestRunReport: 'viewer',
  ImportTestResults: 'developer',
  CreateImportUpload: 'developer',
  GetImport: 'viewer',
  CreateAnalysis: 'developer',
  ListAnalyses: 'viewer',
  GetAnalysis: 'viewer',
  ListAnalysisFiles: 'viewer',
  GetAnalysisFile: 'viewer',
  ListAnalysisDuplications: 'viewer',
  GetAnalysisDependencies: 'viewer',
  GetAnalysisNewCode: 'viewer',
  GetAnalysisReport: 'viewer',
  GetAnalysisTrend: 'viewer',
  AttachAnalysisCoverage: 'developer',
  GetQualityGate: 'maintainer',
  PutQualityGate: 'maintainer',
  // document reviews
  RequestDocumentReview: 'developer',
  GetDocumentReview: 'viewer',
  DecideDocumentReview: 'developer',
  ChangeDocumentStatus: 'developer',
  CreateDocumentComment: 'developer',
  ListDocumentComments: 'viewer',
  ResolveDocumentComment: 'developer',
  ReopenDocumentComment: 'developer',
  // search (issue 11)
  ReindexProject: 'maintainer',
  // documents core
  CreateDocument: 'developer',
  ListDocuments: 'viewer',
  GetDocument: 'viewer',
  UpdateDocument: 'developer',
  DeleteDocument: 'developer',
  ListDocumentVersions: 'viewer',
  GetDocumentVersion: 'viewer',
  DiffDocumentVersions: 'viewer',
  RestoreDocumentVersion: 'developer',
  // documents: API designs and attachments
  GenerateDocumentTestCases: 'developer',
  CheckDocumentDrift: 'developer',
  CreateDocumentAttachment: 'developer',
  ListDocumentAttachments: 'viewer',
  GetDocumentAttachment: 'viewer',
  DeleteDocumentAttachment: 'developer',
  // document templates and links (docs-links)
  ListDocumentTemplates: 'viewer',
  GetDocumentTemplate: 'viewer',
  CreateDocumentTemplate: 'maintainer',
  ReplaceDocumentTemplate: 'maintainer',
  DeleteDocumentTemplate: 'maintainer',
  CreateDocumentLink: 'developer',
  ListDocumentLinks: 'viewer',
  DeleteDocumentLink: 'developer',
  ListLinksToTarget: 'viewer',
  GetDocumentTraceability: 'viewer',
};

/** Minimum roles when the route's member is the caller (`permissionOnSelf`): anyone may leave. */
const MINIMUM_ROLE_ON_SELF: Record<string, ProjectRole> = { RemoveMember: 'viewer' };

const projectScoped = (path: string) => path.includes('{projectId}');

describe('route permissions', () => {
  it('has every route that names a project declare a permission for a signed-in caller', () => {
    // Act
    const undeclared = ROUTES.filter((route) => projectScoped(route.path) && !route.permission);
    const publicScoped = ROUTES.filter((route) => projectScoped(route.path) && route.auth !== 'user');
    // Assess
    expect(undeclared.map((route) => route.id)).toEqual([]);
    expect(publicScoped.map((route) => route.id)).toEqual([]);
  });

  it('declares permissions only on routes that name a project', () => {
    // Act
    const unscoped = ROUTES.filter((route) => route.permission && !projectScoped(route.path));
    // Assess: a permission there would have no project to be checked against.
    expect(unscoped.map((route) => route.id)).toEqual([]);
  });

  it('gives each project-scoped route the minimum role the permission table produces', () => {
    // Act
    const actual = Object.fromEntries(
      ROUTES.filter((route) => route.permission).map((route) => [route.id, minimumRole(route.permission!)]),
    );
    // Assess
    expect(actual).toEqual(MINIMUM_ROLE);
  });

  it('relaxes the permission only for the caller acting on their own membership', () => {
    // Act
    const onSelf = ROUTES.filter((route) => route.permissionOnSelf);
    // Assess
    expect(Object.fromEntries(onSelf.map((route) => [route.id, minimumRole(route.permissionOnSelf!)]))).toEqual(
      MINIMUM_ROLE_ON_SELF,
    );
    expect(onSelf.filter((route) => !route.path.includes('{userId}') || !route.permission)).toEqual([]);
  });
});
