import type * as z from 'zod/mini';
import {
  Analysis,
  AnalysisDependenciesAnswer,
  AnalysisFileDetail,
  AnalysisFilePage,
  AnalysisNewCodeChanges,
  AnalysisPage,
  AnalysisReportLink,
  AnalysisTrendPage,
  AttachedCoverage,
  CreatedAnalysis,
  DuplicationPage,
} from '#shared/schemas/analyses';
import { Deployment, DeploymentAccepted, DeploymentPage } from '#shared/schemas/deployments';
import {
  AttachmentLink,
  AttachmentList,
  CreatedAttachment,
  Document,
  DocumentComment,
  DocumentCommentPage,
  DocumentDiff,
  DocumentLink,
  DocumentLinkList,
  DocumentLinks,
  DocumentPage,
  DocumentReview,
  DocumentTemplate,
  DocumentTemplateList,
  DocumentTraceability,
  DocumentVersion,
  DocumentVersionPage,
  DriftReport,
  GeneratedTestCases,
  ReindexAccepted,
  SearchResults,
} from '#shared/schemas/documents';
import { OwnershipVerification } from '#shared/schemas/environment-ownership';
import { Environment, EnvironmentPage } from '#shared/schemas/environments';
import { Invitation, InvitationPage } from '#shared/schemas/invitations';
import { Pipeline, PipelinePage } from '#shared/schemas/pipelines';
import { Health } from '#shared/schemas/platform';
import { Member, MemberPage, Project, ProjectPage } from '#shared/schemas/projects';
import { QualityGate } from '#shared/schemas/quality-gate';
import { CaseHistory, TestCase, TestCasePage } from '#shared/schemas/test-cases';
import {
  ImportStatus,
  ImportUpload,
  ReportLink,
  RunResultPage,
  TestInsights,
  TestRun,
  TestRunAccepted,
  TestRunPage,
} from '#shared/schemas/test-runs';
import { TestSuite, TestSuitePage } from '#shared/schemas/test-suites';
import { Tokens, User } from '#shared/schemas/users';

// Documentation only: the OpenAPI builder reads these; no handler imports this module
// (test/infra/bundle-boundaries.test.ts). A handler never validates what it answers, and
// building a response schema tree at init cost up to ~25 ms of cold start per function
// (docs/benchmarks.md, "Cold start"), so route definitions carry the success status only.

/**
 * The JSON body schema of each route's success response, by route id: every route whose
 * success answer has a JSON body (not 204, no `mediaType`) has exactly one entry
 * (test/unit/openapi.test.ts).
 */
export const RESPONSE_BODIES: Readonly<Record<string, z.ZodMiniType>> = {
  // platform
  GetHealth: Health,
  // auth
  Register: User,
  Login: Tokens,
  RefreshTokens: Tokens,
  // users
  GetMe: User,
  UpdateMe: User,
  GetUser: User,
  ListMyInvitations: InvitationPage,
  AcceptInvitation: Member,
  // projects
  CreateProject: Project,
  ListProjects: ProjectPage,
  GetProject: Project,
  UpdateProject: Project,
  ListMembers: MemberPage,
  PutMember: Member,
  CreateInvitation: Invitation,
  ListInvitations: InvitationPage,
  // environments
  CreateEnvironment: Environment,
  ListEnvironments: EnvironmentPage,
  GetEnvironment: Environment,
  UpdateEnvironment: Environment,
  VerifyEnvironmentOwnership: OwnershipVerification,
  // pipelines
  CreatePipeline: Pipeline,
  ListPipelines: PipelinePage,
  GetPipeline: Pipeline,
  ReplacePipeline: Pipeline,
  // deployments
  CreateDeployment: DeploymentAccepted,
  ListDeployments: DeploymentPage,
  GetDeployment: Deployment,
  CancelDeployment: Deployment,
  DecideApproval: Deployment,
  ListEnvironmentDeployments: DeploymentPage,
  // test cases and suites
  CreateTestCase: TestCase,
  ListTestCases: TestCasePage,
  GetTestCase: TestCase,
  UpdateTestCase: TestCase,
  GetTestCaseHistory: CaseHistory,
  GetTestInsights: TestInsights,
  CreateTestSuite: TestSuite,
  ListTestSuites: TestSuitePage,
  GetTestSuite: TestSuite,
  UpdateTestSuite: TestSuite,
  // test runs and imports
  CreateTestRun: TestRunAccepted,
  ListTestRuns: TestRunPage,
  GetTestRun: TestRun,
  ListTestRunResults: RunResultPage,
  GetTestRunReport: ReportLink,
  ImportTestResults: TestRun,
  CreateImportUpload: ImportUpload,
  GetImport: ImportStatus,
  // code analysis
  CreateAnalysis: CreatedAnalysis,
  ListAnalyses: AnalysisPage,
  GetAnalysis: Analysis,
  ListAnalysisFiles: AnalysisFilePage,
  GetAnalysisFile: AnalysisFileDetail,
  ListAnalysisDuplications: DuplicationPage,
  GetAnalysisDependencies: AnalysisDependenciesAnswer,
  GetAnalysisReport: AnalysisReportLink,
  GetAnalysisTrend: AnalysisTrendPage,
  GetAnalysisNewCode: AnalysisNewCodeChanges,
  AttachAnalysisCoverage: AttachedCoverage,
  GetQualityGate: QualityGate,
  PutQualityGate: QualityGate,
  // document reviews
  RequestDocumentReview: DocumentReview,
  GetDocumentReview: DocumentReview,
  DecideDocumentReview: DocumentReview,
  ChangeDocumentStatus: DocumentReview,
  CreateDocumentComment: DocumentComment,
  ListDocumentComments: DocumentCommentPage,
  ResolveDocumentComment: DocumentComment,
  ReopenDocumentComment: DocumentComment,
  // search (issue 11)
  Search: SearchResults,
  ReindexProject: ReindexAccepted,
  // documents core
  CreateDocument: Document,
  ListDocuments: DocumentPage,
  GetDocument: Document,
  UpdateDocument: Document,
  ListDocumentVersions: DocumentVersionPage,
  GetDocumentVersion: DocumentVersion,
  DiffDocumentVersions: DocumentDiff,
  RestoreDocumentVersion: Document,
  // documents: API designs and attachments
  GenerateDocumentTestCases: GeneratedTestCases,
  CheckDocumentDrift: DriftReport,
  CreateDocumentAttachment: CreatedAttachment,
  ListDocumentAttachments: AttachmentList,
  GetDocumentAttachment: AttachmentLink,
  // document templates and links (docs-links)
  ListDocumentTemplates: DocumentTemplateList,
  GetDocumentTemplate: DocumentTemplate,
  CreateDocumentTemplate: DocumentTemplate,
  ReplaceDocumentTemplate: DocumentTemplate,
  CreateDocumentLink: DocumentLink,
  ListDocumentLinks: DocumentLinks,
  ListLinksToTarget: DocumentLinkList,
  GetDocumentTraceability: DocumentTraceability,
};
