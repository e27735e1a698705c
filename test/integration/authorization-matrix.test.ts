import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ROUTES } from '#shared/api/routes';
import { minimumRole, roleAtLeast } from '#shared/auth/permissions';
import { ownershipToken } from '#shared/environments/ownership-record';
import { PROJECT_ROLES, type ProjectRole } from '#shared/schemas/projects';
import { api, makeAdmin, pollUntil, registerAndLogin, type TestUser } from '../support/client.ts';
import { createDesign, PETSTORE } from '../support/designs.ts';
import { startTarget } from '../support/http-target.ts';
import { addMember, createProject, importedRun } from '../support/projects.ts';

const apiUrl = inject('apiUrl');

type Caller = ProjectRole | 'non-member' | 'admin';
const CALLERS: readonly Caller[] = [...PROJECT_ROLES, 'non-member', 'admin'];

interface Fixture {
  projectId: string;
  environmentId: string;
  pipelineId: string;
  users: Record<Caller | 'newcomer' | 'bystander', TestUser>;
}

/** A valid request per project-scoped route; `bystander` is a viewer the caller is not. */
type ValidRequest = {
  params?: Record<string, string>;
  body?: unknown;
  rawBody?: string;
  headers?: Record<string, string>;
  query?: Record<string, string>;
};
const VALID_REQUESTS: Record<string, (fixture: Fixture) => ValidRequest | Promise<ValidRequest>> = {
  GetProject: () => ({}),
  UpdateProject: () => ({ body: { name: 'Renamed' } }),
  DeleteProject: () => ({}),
  ListMembers: () => ({}),
  PutMember: (fixture) => ({ params: { userId: fixture.users.bystander.userId }, body: { role: 'developer' } }),
  RemoveMember: (fixture) => ({ params: { userId: fixture.users.bystander.userId } }),
  CreateInvitation: (fixture) => ({ body: { email: fixture.users.newcomer.email, role: 'viewer' } }),
  ListInvitations: () => ({}),
  RevokeInvitation: async (fixture) => ({
    params: {
      invitationId: await ownerCreates(fixture, 'invitations', { email: fixture.users.newcomer.email, role: 'viewer' }),
    },
  }),
  CreateEnvironment: () => ({
    body: { name: 'staging', deployTarget: { type: 'webhook', url: 'https://deploy.example.com/hook' } },
  }),
  ListEnvironments: () => ({}),
  GetEnvironment: () => ({}),
  UpdateEnvironment: () => ({ body: { concurrency: 'reject' } }),
  DeleteEnvironment: () => ({}),
  VerifyEnvironmentOwnership: async (fixture) => ({ params: { environmentId: await verifiableEnvironment(fixture) } }),
  CreatePipeline: () => ({ body: { name: 'Release', stages: [{ type: 'deploy', name: 'deploy' }] } }),
  ListPipelines: () => ({}),
  GetPipeline: () => ({}),
  ReplacePipeline: () => ({ body: { name: 'Release v2', stages: [{ type: 'deploy', name: 'deploy' }] } }),
  DeletePipeline: () => ({}),
  CreateDeployment: (fixture) => ({
    body: { pipelineId: fixture.pipelineId, environmentId: fixture.environmentId, version: 'v1' },
  }),
  ListDeployments: () => ({}),
  ListEnvironmentDeployments: () => ({}),
  GetDeployment: async (fixture) => ({ params: { deploymentId: await waitingDeployment(fixture) } }),
  CancelDeployment: async (fixture) => ({ params: { deploymentId: await waitingDeployment(fixture) }, body: {} }),
  DecideApproval: async (fixture) => ({
    params: { deploymentId: await waitingDeployment(fixture) },
    body: { decision: 'approve' },
  }),
  CreateTestCase: () => ({ body: API_CASE }),
  ListTestCases: () => ({}),
  GetTestCase: async (fixture) => ({ params: { caseId: await ownerCreates(fixture, 'test-cases', API_CASE) } }),
  UpdateTestCase: async (fixture) => ({
    params: { caseId: await ownerCreates(fixture, 'test-cases', API_CASE) },
    body: { type: 'api', name: 'Renamed' },
  }),
  DeleteTestCase: async (fixture) => ({ params: { caseId: await ownerCreates(fixture, 'test-cases', API_CASE) } }),
  GetTestCaseHistory: async (fixture) => ({
    params: { caseId: await ownerCreates(fixture, 'test-cases', API_CASE) },
  }),
  GetTestInsights: () => ({}),
  CreateTestSuite: () => ({ body: { name: 'Smoke', tags: ['smoke'] } }),
  ListTestSuites: () => ({}),
  GetTestSuite: async (fixture) => ({ params: { suiteId: await ownerCreates(fixture, 'test-suites', SUITE) } }),
  UpdateTestSuite: async (fixture) => ({
    params: { suiteId: await ownerCreates(fixture, 'test-suites', SUITE) },
    body: { name: 'Renamed' },
  }),
  DeleteTestSuite: async (fixture) => ({ params: { suiteId: await ownerCreates(fixture, 'test-suites', SUITE) } }),
  // A run of a case that calls nowhere reachable: the run is accepted whatever happens after.
  CreateTestRun: async (fixture) => ({ body: { caseIds: [await ownerCreates(fixture, 'test-cases', API_CASE)] } }),
  ListTestRuns: () => ({}),
  GetTestRun: async (fixture) => ({ params: { runId: await ownerImports(fixture) } }),
  ListTestRunResults: async (fixture) => ({ params: { runId: await ownerImports(fixture) } }),
  GetTestRunReport: async (fixture) => ({ params: { runId: await ownerImports(fixture) } }),
  ImportTestResults: () => ({ rawBody: JUNIT_REPORT, headers: { 'content-type': 'application/xml' } }),
  CreateImportUpload: () => ({ body: { contentLength: 100 } }),
  GetImport: async (fixture) => ({
    params: { importId: await ownerCreates(fixture, 'test-runs/imports/uploads', { contentLength: 100 }) },
  }),
  CreateAnalysis: () => ({ body: { ...ANALYSIS, source: { ...ANALYSIS.source, contentLength: 100 } } }),
  ListAnalyses: () => ({}),
  GetAnalysis: async (fixture) => ({
    params: {
      analysisId: await ownerCreates(fixture, 'analyses', {
        ...ANALYSIS,
        source: { ...ANALYSIS.source, contentLength: 100 },
      }),
    },
  }),
  // Results are served once an analysis completed: the owner's analysis of a small zip.
  ListAnalysisFiles: async (fixture) => ({ params: { analysisId: await ownerAnalyses(fixture) } }),
  GetAnalysisFile: async (fixture) => ({ params: { analysisId: await ownerAnalyses(fixture), path: 'src/main.py' } }),
  ListAnalysisDuplications: async (fixture) => ({ params: { analysisId: await ownerAnalyses(fixture) } }),
  GetAnalysisDependencies: async (fixture) => ({ params: { analysisId: await ownerAnalyses(fixture) } }),
  GetAnalysisReport: async (fixture) => ({ params: { analysisId: await ownerAnalyses(fixture) } }),
  // New code needs a base: the owner's second analysis of the branch compares with the first.
  GetAnalysisNewCode: async (fixture) => {
    await ownerAnalyses(fixture);
    return { params: { analysisId: await ownerAnalyses(fixture) } };
  },
  GetAnalysisTrend: () => ({ query: { branch: 'main' } }),
  AttachAnalysisCoverage: async (fixture) => ({
    params: { analysisId: await ownerAnalyses(fixture) },
    query: { format: 'lcov' },
    rawBody: 'SF:src/main.py\nDA:1,1\nend_of_record\n',
    headers: { 'content-type': 'text/plain' },
  }),
  // document reviews: on a document written and sent to review by a developer who is none of the callers
  RequestDocumentReview: async (fixture) => ({
    params: { documentId: await authoredDocument(fixture) },
    body: { version: 1, reviewers: [fixture.users.maintainer.userId] },
  }),
  GetDocumentReview: async (fixture) => ({ params: { documentId: await documentInReview(fixture) } }),
  DecideDocumentReview: async (fixture) => ({
    params: { documentId: await documentInReview(fixture) },
    body: { version: 1, decision: 'approve' },
  }),
  ChangeDocumentStatus: async (fixture) => ({
    params: { documentId: await authoredDocument(fixture) },
    body: { version: 1, status: 'obsolete' },
  }),
  CreateDocumentComment: async (fixture) => ({
    params: { documentId: await authoredDocument(fixture) },
    body: { version: 1, body: 'Is this the whole flow?', anchor: { heading: 'Flow' } },
  }),
  ListDocumentComments: async (fixture) => ({ params: { documentId: await authoredDocument(fixture) } }),
  ResolveDocumentComment: async (fixture) => ({ params: await authorsComment(fixture, false) }),
  ReopenDocumentComment: async (fixture) => ({ params: await authorsComment(fixture, true) }),
  GetQualityGate: () => ({}),
  // search (issue 11)
  ReindexProject: () => ({}),
  PutQualityGate: () => ({
    body: { conditions: [{ metric: 'max_cyclomatic_complexity', operator: 'lte', threshold: 15 }] },
  }),
  // documents core: each document is the owner's, version 1 (so If-Match "1" is current)
  CreateDocument: () => ({ body: DOCUMENT }),
  ListDocuments: () => ({}),
  GetDocument: async (fixture) => ({ params: { documentId: await ownerCreates(fixture, 'documents', DOCUMENT) } }),
  UpdateDocument: async (fixture) => ({
    params: { documentId: await ownerCreates(fixture, 'documents', DOCUMENT) },
    body: { body: 'Edited' },
    headers: { 'if-match': '"1"' },
  }),
  DeleteDocument: async (fixture) => ({ params: { documentId: await ownerCreates(fixture, 'documents', DOCUMENT) } }),
  ListDocumentVersions: async (fixture) => ({
    params: { documentId: await ownerCreates(fixture, 'documents', DOCUMENT) },
  }),
  GetDocumentVersion: async (fixture) => ({
    params: { documentId: await ownerCreates(fixture, 'documents', DOCUMENT), version: '1' },
  }),
  DiffDocumentVersions: async (fixture) => ({
    params: { documentId: await ownerCreates(fixture, 'documents', DOCUMENT) },
    query: { from: '1', to: '1' },
  }),
  RestoreDocumentVersion: async (fixture) => ({
    params: { documentId: await ownerCreates(fixture, 'documents', DOCUMENT), version: '1' },
    headers: { 'if-match': '"1"' },
  }),
  // documents: API designs and attachments
  GenerateDocumentTestCases: async (fixture) => ({
    params: { documentId: await ownerDesign(fixture) },
    body: { environmentId: fixture.environmentId },
  }),
  CheckDocumentDrift: async (fixture) => ({
    params: { documentId: await ownerDesign(fixture) },
    body: { url: `${(await designServer).url}/openapi.yaml` },
  }),
  CreateDocumentAttachment: async (fixture) => ({
    params: { documentId: await ownerDesign(fixture) },
    body: { fileName: 'diagram.png', contentType: 'image/png', contentLength: 4 },
  }),
  ListDocumentAttachments: async (fixture) => ({ params: { documentId: await ownerDesign(fixture) } }),
  GetDocumentAttachment: (fixture) => ownerAttachment(fixture, true),
  DeleteDocumentAttachment: (fixture) => ownerAttachment(fixture, false),
  // document templates and links (docs-links)
  ListDocumentTemplates: () => ({}),
  GetDocumentTemplate: () => ({ params: { templateId: 'builtin-requirement' } }),
  CreateDocumentTemplate: () => ({ body: TEMPLATE }),
  ReplaceDocumentTemplate: async (fixture) => ({
    params: { templateId: await ownerCreates(fixture, 'document-templates', TEMPLATE) },
    body: TEMPLATE,
  }),
  DeleteDocumentTemplate: async (fixture) => ({
    params: { templateId: await ownerCreates(fixture, 'document-templates', TEMPLATE) },
  }),
  CreateDocumentLink: async (fixture) => ({
    params: { documentId: await ownerCreates(fixture, 'documents', LINKED_DOCUMENT) },
    body: { type: 'relates', targetType: 'environment', targetId: fixture.environmentId },
  }),
  ListDocumentLinks: async (fixture) => ({
    params: { documentId: await ownerCreates(fixture, 'documents', LINKED_DOCUMENT) },
  }),
  DeleteDocumentLink: async (fixture) => {
    const documentId = await ownerCreates(fixture, 'documents', LINKED_DOCUMENT);
    const linkId = await ownerCreates(fixture, `documents/${documentId}/links`, {
      type: 'relates',
      targetType: 'environment',
      targetId: fixture.environmentId,
    });
    return { params: { documentId, linkId } };
  },
  ListLinksToTarget: (fixture) => ({ query: { targetType: 'environment', targetId: fixture.environmentId } }),
  GetDocumentTraceability: async (fixture) => ({
    params: { documentId: await ownerCreates(fixture, 'documents', LINKED_DOCUMENT) },
  }),
};

/** Serves the Petstore design at /openapi.yaml, for drift. */
const designServer = startTarget((request, response) => {
  request.resume();
  if (request.url !== '/openapi.yaml') return void response.writeHead(404).end();
  response.writeHead(200, { 'content-type': 'application/yaml' }).end(PETSTORE);
});
afterAll(async () => (await designServer).stop());

/** The owner's Petstore design in the fixture's project; answers its id. */
function ownerDesign(fixture: Fixture): Promise<string> {
  return createDesign(fixture.projectId, fixture.users.owner.accessToken);
}

/** An attachment of an owner's design, its 4 bytes uploaded when `uploaded`: the request's params. */
async function ownerAttachment(fixture: Fixture, uploaded: boolean): Promise<ValidRequest> {
  const documentId = await ownerDesign(fixture);
  const created = await api(apiUrl, 'POST', `/v1/projects/${fixture.projectId}/documents/${documentId}/attachments`, {
    token: fixture.users.owner.accessToken,
    body: { fileName: 'notes.txt', contentType: 'text/plain', contentLength: 4 },
  });
  expect(created.status, created.text).toBe(201);
  if (uploaded) {
    const put = await fetch(created.body.url, { method: 'PUT', body: 'note', headers: created.body.headers });
    expect(put.status).toBe(200);
  }
  return { params: { documentId, attachmentId: created.body.id } };
}

const TEMPLATE = { name: 'Incident review', type: 'other', body: '# Incident' };
const LINKED_DOCUMENT = { title: 'Sign-in', type: 'requirement', templateId: 'builtin-requirement' };

const ANALYSIS = { commit: 'abc1234', branch: 'main', source: { type: 'archive', format: 'zip' } };
const DOCUMENT = { title: 'Login', type: 'requirement', body: '# Login' };
/** A zip of `src/main.py` and `README.md` (two top entries: no common folder to strip), made by the system's zip. */
const SNAPSHOT_ZIP = (() => {
  const root = mkdtempSync(join(tmpdir(), 'trellis-matrix-'));
  mkdirSync(join(root, 'src'));
  writeFileSync(join(root, 'src/main.py'), 'print("hello")\n');
  writeFileSync(join(root, 'README.md'), '# Matrix\n');
  execFileSync('zip', ['-qr', 'snapshot.zip', 'src', 'README.md'], { cwd: root });
  const bytes = readFileSync(join(root, 'snapshot.zip'));
  rmSync(root, { recursive: true, force: true });
  return bytes;
})();

/** A completed analysis of SNAPSHOT_ZIP in the fixture's project, by its owner; answers its id. */
async function ownerAnalyses(fixture: Fixture): Promise<string> {
  const token = fixture.users.owner.accessToken;
  const created = await api(apiUrl, 'POST', `/v1/projects/${fixture.projectId}/analyses`, {
    token,
    body: { ...ANALYSIS, source: { ...ANALYSIS.source, contentLength: SNAPSHOT_ZIP.length } },
  });
  expect(created.status, created.text).toBe(201);
  const put = await fetch(created.body.url, { method: 'PUT', body: SNAPSHOT_ZIP, headers: created.body.headers });
  expect(put.status).toBe(200);
  await pollUntil(
    () => api(apiUrl, 'GET', `/v1/projects/${fixture.projectId}/analyses/${created.body.id}`, { token }),
    (current) => current.body?.status === 'completed',
    { timeoutMs: 30_000, description: `analysis ${created.body.id} to complete` },
  );
  return created.body.id as string;
}

const API_CASE = {
  name: 'Health answers',
  type: 'api',
  tags: ['smoke'],
  spec: {
    request: { method: 'GET', url: 'https://app.example.com/health' },
    assertions: [{ type: 'status', equals: 200 }],
  },
};
const SUITE = { name: 'Smoke', tags: ['smoke'] };
const JUNIT_REPORT =
  '<?xml version="1.0"?><testsuite name="unit" tests="1"><testcase classname="a.B" name="works" time="0.01"/></testsuite>';

/** Creates a resource in the fixture's project as its owner; answers its id. */
async function ownerCreates(fixture: Fixture, collection: string, body: unknown): Promise<string> {
  const created = await api(apiUrl, 'POST', `/v1/projects/${fixture.projectId}/${collection}`, {
    token: fixture.users.owner.accessToken,
    body,
  });
  expect(created.status, created.text).toBe(201);
  return (created.body as { id: string }).id;
}

/** Serves, at its well-known path, the verification token of every environment `verifiableEnvironment` made. */
const servedTokens: string[] = [];
const tokenServer = startTarget((request, response) => {
  if (request.url !== '/.well-known/trellis-verification.txt') return void response.writeHead(404).end();
  response.writeHead(200, { 'content-type': 'text/plain' }).end(servedTokens.join('\n'));
});
afterAll(async () => (await tokenServer).stop());

/** An environment (by the owner) on a loopback host that serves its ownership token. */
async function verifiableEnvironment(fixture: Fixture): Promise<string> {
  const url = (await tokenServer).url;
  const environmentId = await ownerCreates(fixture, 'environments', {
    name: 'verifiable',
    url,
    deployTarget: { type: 'webhook', url: `${url}/deploy` },
  });
  servedTokens.push(ownershipToken(fixture.projectId, environmentId));
  return environmentId;
}

/**
 * A document written by `newcomer`, made a developer of the project for it: a member whose
 * version none of the callers wrote, so any of them may approve it. Answers its id.
 */
async function authoredDocument(fixture: Fixture): Promise<string> {
  const author = fixture.users.newcomer;
  const base = `/v1/projects/${fixture.projectId}`;
  const members = await api(apiUrl, 'GET', `${base}/members?limit=100`, { token: fixture.users.owner.accessToken });
  const joined = (members.body.items as { userId: string }[]).some((member) => member.userId === author.userId);
  if (!joined) await addMember(apiUrl, fixture.projectId, fixture.users.owner, 'developer', author);
  const created = await api(apiUrl, 'POST', `${base}/documents`, {
    token: author.accessToken,
    body: { title: 'Checkout', type: 'requirement', format: 'markdown', body: '# Checkout\n\n## Flow\n\nPay.\n' },
  });
  expect(created.status, created.text).toBe(201);
  return (created.body as { id: string }).id;
}

/** An authored document its author sent to review by the maintainer. */
async function documentInReview(fixture: Fixture): Promise<string> {
  const documentId = await authoredDocument(fixture);
  const requested = await api(apiUrl, 'POST', `/v1/projects/${fixture.projectId}/documents/${documentId}/reviews`, {
    token: fixture.users.newcomer.accessToken,
    body: { version: 1, reviewers: [fixture.users.maintainer.userId] },
  });
  expect(requested.status, requested.text).toBe(200);
  return documentId;
}

/** A comment of the author on an authored document, resolved when asked. */
async function authorsComment(fixture: Fixture, resolved: boolean): Promise<Record<string, string>> {
  const documentId = await authoredDocument(fixture);
  const base = `/v1/projects/${fixture.projectId}/documents/${documentId}/comments`;
  const token = fixture.users.newcomer.accessToken;
  const comment = await api(apiUrl, 'POST', base, { token, body: { version: 1, body: 'Needs a diagram' } });
  expect(comment.status, comment.text).toBe(201);
  const commentId = (comment.body as { id: string }).id;
  if (resolved) expect((await api(apiUrl, 'POST', `${base}/${commentId}/resolve`, { token })).status).toBe(200);
  return { documentId, commentId };
}

/** A finished run, imported by the owner. */
async function ownerImports(fixture: Fixture): Promise<string> {
  return (await importedRun(apiUrl, fixture.projectId, fixture.users.owner, JUNIT_REPORT)).id;
}

/**
 * A deployment (by the owner) waiting at its first approval stage. The pipeline has two
 * approval stages and nothing else, so no run ever calls out of this machine.
 */
async function waitingDeployment(fixture: Fixture): Promise<string> {
  const base = `/v1/projects/${fixture.projectId}`;
  const created = await api(apiUrl, 'POST', `${base}/deployments`, {
    token: fixture.users.owner.accessToken,
    body: { pipelineId: fixture.pipelineId, environmentId: fixture.environmentId, version: 'v1' },
  });
  expect(created.status, created.text).toBe(202);
  const { id } = created.body as { id: string };
  await pollUntil(
    async () =>
      (await api(apiUrl, 'GET', `${base}/deployments/${id}`, { token: fixture.users.owner.accessToken })).body,
    (deployment) => (deployment as { status: string }).status === 'waiting_for_approval',
    { timeoutMs: 20_000, description: 'the deployment to wait for approval' },
  );
  return id;
}

const scopedRoutes = ROUTES.filter((route) => route.permission);

describe('authorization matrix: every project-scoped route × every role', () => {
  let people: Fixture['users'];

  beforeAll(async () => {
    const names = [...CALLERS, 'newcomer', 'bystander'] as const;
    const users = await Promise.all(names.map(() => registerAndLogin(apiUrl)));
    people = Object.fromEntries(names.map((name, index) => [name, users[index]])) as Fixture['users'];
    people.admin = await makeAdmin(apiUrl, people.admin);
  });

  /** A fresh project where each role is held by its user, so destructive routes don't interfere. */
  async function freshProject(): Promise<Fixture> {
    const projectId = await createProject(apiUrl, people.owner, 'Matrix', 'M', 8);
    for (const [user, role] of [
      [people.maintainer, 'maintainer'],
      [people.developer, 'developer'],
      [people.viewer, 'viewer'],
      [people.bystander, 'viewer'],
    ] as const) {
      await addMember(apiUrl, projectId, people.owner, role, user);
    }
    const environment = await api(apiUrl, 'POST', `/v1/projects/${projectId}/environments`, {
      token: people.owner.accessToken,
      body: {
        name: 'production',
        deployTarget: { type: 'webhook', url: 'https://deploy.example.com/hook' },
        protection: { approverRoles: ['owner', 'maintainer', 'developer'], preventSelfApproval: false },
      },
    });
    expect(environment.status).toBe(201);
    const { id: environmentId } = environment.body as { id: string };
    const pipeline = await api(apiUrl, 'POST', `/v1/projects/${projectId}/pipelines`, {
      token: people.owner.accessToken,
      body: {
        name: 'Release',
        stages: [
          { type: 'approval', name: 'first' },
          { type: 'approval', name: 'second' },
        ],
      },
    });
    expect(pipeline.status).toBe(201);
    const { id: pipelineId } = pipeline.body as { id: string };
    return { projectId, environmentId, pipelineId, users: people };
  }

  it('has a valid request for every project-scoped route', () => {
    expect(scopedRoutes.map((route) => route.id).filter((id) => !VALID_REQUESTS[id])).toEqual([]);
  });

  for (const route of scopedRoutes) {
    const required = minimumRole(route.permission!);
    it(`${route.method} ${route.path} needs ${required}`, async () => {
      // Each cell is 'allowed' (any 2xx) or the refusal status, so a failure shows the whole row.
      const outcomes: Record<string, 'allowed' | number> = {};
      const expected: Record<string, 'allowed' | number> = {};
      for (const caller of CALLERS) {
        const fixture = await freshProject();
        const request = await VALID_REQUESTS[route.id]!(fixture);
        const params: Record<string, string> = {
          projectId: fixture.projectId,
          environmentId: fixture.environmentId,
          pipelineId: fixture.pipelineId,
          ...request.params,
        };
        const path = route.path.replace(/\{(\w+)\+?\}/g, (_, name: string) => params[name] ?? '');
        const search = request.query ? `?${new URLSearchParams(request.query)}` : '';
        const response = await api(apiUrl, route.method, `${path}${search}`, {
          token: people[caller].accessToken,
          body: request.body,
          rawBody: request.rawBody,
          headers: request.headers,
        });
        outcomes[caller] = response.status >= 200 && response.status < 300 ? 'allowed' : response.status;
        if (caller === 'non-member') expected[caller] = 404;
        else expected[caller] = caller === 'admin' || roleAtLeast(caller, required) ? 'allowed' : 403;
      }
      expect(outcomes).toEqual(expected);
    });
  }
});
