import * as z from 'zod/mini';
import { analysisCoverageSchema, analysisSummarySchema } from '#shared/schemas/analyses';
import { ProjectRole } from '#shared/schemas/projects';
import { gateConditionSchema, gateResultSchema } from '#shared/schemas/quality-gate';
import { testRunSummarySchema } from '#shared/schemas/test-results';

/**
 * An event type: its `source` and the schema of its `detail.data`, built on first use. A
 * function publishes one or two of the types below, and building all their schemas at init
 * cost every publishing function several milliseconds of cold start (docs/benchmarks.md).
 */
function eventType<const Source extends string, Data extends z.ZodMiniType>(
  source: Source,
  buildData: () => Data,
): { readonly source: Source; readonly data: Data } {
  let data: Data | undefined;
  return {
    source,
    get data() {
      data ??= buildData();
      return data;
    },
  };
}

/**
 * The catalogue of domain events: one entry per `detail-type`, with its `source` and the
 * schema of `detail.data`. Publishers and consumers validate against the same schemas.
 */
export const EVENT_CATALOGUE = {
  'User Registered': eventType('trellis.users', () => z.object({ userId: z.string(), name: z.string() })),
  'User Deleted': eventType('trellis.users', () => z.object({ userId: z.string(), projectIds: z.array(z.string()) })),
  'Project Created': eventType('trellis.projects', () =>
    z.object({ projectId: z.string(), key: z.string(), name: z.string() }),
  ),
  'Project Updated': eventType('trellis.projects', () =>
    z.object({ projectId: z.string(), changes: z.array(z.string()), version: z.number() }),
  ),
  'Project Deleted': eventType('trellis.projects', () => z.object({ projectId: z.string(), key: z.string() })),
  'Member Added': eventType('trellis.projects', () =>
    z.object({ projectId: z.string(), userId: z.string(), role: ProjectRole }),
  ),
  'Member Role Changed': eventType('trellis.projects', () =>
    z.object({ projectId: z.string(), userId: z.string(), from: ProjectRole, to: ProjectRole }),
  ),
  'Member Removed': eventType('trellis.projects', () =>
    z.object({ projectId: z.string(), userId: z.string(), role: ProjectRole }),
  ),
  'Invitation Created': eventType('trellis.projects', () =>
    z.object({ invitationId: z.string(), projectId: z.string(), email: z.string(), role: ProjectRole }),
  ),
  'Invitation Accepted': eventType('trellis.projects', () =>
    z.object({ invitationId: z.string(), projectId: z.string(), userId: z.string(), role: ProjectRole }),
  ),
  'Invitation Declined': eventType('trellis.projects', () =>
    z.object({ invitationId: z.string(), projectId: z.string(), userId: z.string() }),
  ),
  'Invitation Revoked': eventType('trellis.projects', () =>
    z.object({ invitationId: z.string(), projectId: z.string() }),
  ),
  'Environment Created': eventType('trellis.environments', () =>
    z.object({ environmentId: z.string(), name: z.string() }),
  ),
  'Environment Updated': eventType('trellis.environments', () =>
    z.object({ environmentId: z.string(), name: z.string(), changes: z.array(z.string()) }),
  ),
  'Environment Deleted': eventType('trellis.environments', () =>
    z.object({ environmentId: z.string(), name: z.string() }),
  ),
  'Deployment Queued': eventType('trellis.deployments', () =>
    z.object({ deploymentId: z.string(), environmentId: z.string(), version: z.string() }),
  ),
  'Deployment Started': eventType('trellis.deployments', () =>
    z.object({ deploymentId: z.string(), environmentId: z.string(), version: z.string() }),
  ),
  'Deployment Stage Changed': eventType('trellis.deployments', () =>
    z.object({ deploymentId: z.string(), stage: z.string(), status: z.string() }),
  ),
  'Deployment Succeeded': eventType('trellis.deployments', () =>
    z.object({ deploymentId: z.string(), environmentId: z.string(), version: z.string() }),
  ),
  'Deployment Failed': eventType('trellis.deployments', () =>
    z.object({ deploymentId: z.string(), environmentId: z.string(), version: z.string(), reason: z.string() }),
  ),
  'Deployment Rolled Back': eventType('trellis.deployments', () =>
    z.object({
      deploymentId: z.string(),
      environmentId: z.string(),
      version: z.string(),
      restoredVersion: z.string(),
      reason: z.string(),
    }),
  ),
  'Deployment Cancelled': eventType('trellis.deployments', () =>
    z.object({ deploymentId: z.string(), environmentId: z.string(), version: z.string(), reason: z.string() }),
  ),
  'Approval Requested': eventType('trellis.deployments', () =>
    z.object({
      deploymentId: z.string(),
      stage: z.string(),
      requiredApprovals: z.number(),
      approverRoles: z.array(z.string()),
    }),
  ),
  'Approval Granted': eventType('trellis.deployments', () =>
    z.object({ deploymentId: z.string(), stage: z.string(), userId: z.string(), approvals: z.number() }),
  ),
  'Approval Rejected': eventType('trellis.deployments', () =>
    z.object({ deploymentId: z.string(), stage: z.string(), userId: z.string() }),
  ),
  'Test Run Started': eventType('trellis.tests', () =>
    z.object({
      runId: z.string(),
      suiteId: z.nullable(z.string()),
      environmentId: z.nullable(z.string()),
      cases: z.number(),
    }),
  ),
  /** The run finished with results: `status` passed or failed (every case counted in `summary`). */
  'Test Run Completed': eventType('trellis.tests', () =>
    z.object({
      runId: z.string(),
      suiteId: z.nullable(z.string()),
      source: z.enum(['execution', 'import']),
      status: z.enum(['passed', 'failed']),
      summary: testRunSummarySchema(),
      newFailures: z.number(),
    }),
  ),
  /** The run itself broke (status `errored`): why, in `reason`. */
  'Test Run Failed': eventType('trellis.tests', () =>
    z.object({ runId: z.string(), suiteId: z.nullable(z.string()), reason: z.string() }),
  ),
  /** The analysis's execution began (its snapshot is about to be read). */
  'Code Analysis Started': eventType('trellis.analysis', () =>
    z.object({
      analysisId: z.string(),
      commit: z.string(),
      branch: z.string(),
      source: z.enum(['archive', 'git']),
    }),
  ),
  /** The analysis completed: what it found, as GET .../analyses/{analysisId} serves it. */
  'Code Analysis Completed': eventType('trellis.analysis', () =>
    z.object({ analysisId: z.string(), commit: z.string(), branch: z.string(), summary: analysisSummarySchema() }),
  ),
  /** The analysis failed: the failure's stable `code` (its worded detail is on the analysis). */
  'Code Analysis Failed': eventType('trellis.analysis', () =>
    z.object({ analysisId: z.string(), commit: z.string(), branch: z.string(), code: z.string() }),
  ),
  /**
   * A completed analysis was judged again: a coverage report attached after it completed
   * changed its coverage, and this is its gate now (Completed carried the earlier one).
   */
  'Code Analysis Gate Evaluated': eventType('trellis.analysis', () =>
    z.object({
      analysisId: z.string(),
      commit: z.string(),
      branch: z.string(),
      coverage: z.nullable(analysisCoverageSchema()),
      gate: gateResultSchema(),
    }),
  ),
  /** A maintainer set the project's quality gate (the conditions it has now). */
  'Quality Gate Updated': eventType('trellis.analysis', () => z.object({ conditions: z.array(gateConditionSchema()) })),
  // Document reviews (docs-reviews): each step of a review and of a comment thread.
  /** Members were asked to review a version (a new round). */
  'Document Review Requested': eventType('trellis.documents', () =>
    z.object({
      documentId: z.string(),
      version: z.number(),
      reviewers: z.array(z.string()),
      requiredApprovals: z.number(),
    }),
  ),
  /** A member approved a version; `approvals` counts this round's approvals of it so far. */
  'Document Approval Granted': eventType('trellis.documents', () =>
    z.object({
      documentId: z.string(),
      version: z.number(),
      userId: z.string(),
      approvals: z.number(),
      requiredApprovals: z.number(),
    }),
  ),
  /** A review, an approval, a rejection or a member moved the document's status. */
  'Document Status Changed': eventType('trellis.documents', () =>
    z.object({ documentId: z.string(), version: z.number(), from: z.string(), to: z.string() }),
  ),
  /** A comment or reply on a version; `mentions` are the member user ids it names. */
  'Document Comment Added': eventType('trellis.documents', () =>
    z.object({
      documentId: z.string(),
      commentId: z.string(),
      version: z.number(),
      parentId: z.nullable(z.string()),
      mentions: z.array(z.string()),
    }),
  ),
  /** A thread was resolved (`commentId` is its root). */
  'Document Comment Resolved': eventType('trellis.documents', () =>
    z.object({ documentId: z.string(), commentId: z.string() }),
  ),
  /** A resolved thread was reopened (`commentId` is its root). */
  'Document Comment Reopened': eventType('trellis.documents', () =>
    z.object({ documentId: z.string(), commentId: z.string() }),
  ),
  // Search (issue 11): the resources the search index holds and that announced no change before.
  'Test Case Created': eventType('trellis.tests', () => z.object({ caseId: z.string(), name: z.string() })),
  'Test Case Updated': eventType('trellis.tests', () =>
    z.object({ caseId: z.string(), name: z.string(), version: z.number() }),
  ),
  'Test Case Deleted': eventType('trellis.tests', () => z.object({ caseId: z.string() })),
  'Test Suite Created': eventType('trellis.tests', () => z.object({ suiteId: z.string(), name: z.string() })),
  'Test Suite Updated': eventType('trellis.tests', () =>
    z.object({ suiteId: z.string(), name: z.string(), version: z.number() }),
  ),
  'Test Suite Deleted': eventType('trellis.tests', () => z.object({ suiteId: z.string() })),
  'Pipeline Created': eventType('trellis.pipelines', () => z.object({ pipelineId: z.string(), name: z.string() })),
  'Pipeline Updated': eventType('trellis.pipelines', () =>
    z.object({ pipelineId: z.string(), name: z.string(), version: z.number() }),
  ),
  'Pipeline Deleted': eventType('trellis.pipelines', () => z.object({ pipelineId: z.string() })),
  // Documents core (docs-core): a document's life; the search index follows these three.
  /** A document was created with its first version. */
  'Document Created': eventType('trellis.documents', () =>
    z.object({
      documentId: z.string(),
      number: z.number(),
      title: z.string(),
      type: z.string(),
      format: z.string(),
      version: z.number(),
    }),
  ),
  /** A new version was saved (an edit, or a restore of version `restoredFrom`); `status` is the document's now. */
  'Document Updated': eventType('trellis.documents', () =>
    z.object({
      documentId: z.string(),
      number: z.number(),
      title: z.string(),
      version: z.number(),
      restoredFrom: z.nullable(z.number()),
      status: z.string(),
    }),
  ),
  /** A document was deleted with its versions. */
  'Document Deleted': eventType('trellis.documents', () => z.object({ documentId: z.string(), number: z.number() })),
  // Document links (issue 11, docs-links): a link from a document to a test case, document,
  // environment, pipeline or analysis was made or removed.
  'Document Link Added': eventType('trellis.documents', () => documentLinkData()),
  'Document Link Removed': eventType('trellis.documents', () => documentLinkData()),
} as const;

function documentLinkData() {
  return z.object({
    documentId: z.string(),
    linkId: z.string(),
    type: z.string(),
    targetType: z.string(),
    targetId: z.string(),
    criterionId: z.nullable(z.string()),
  });
}

export type EventType = keyof typeof EVENT_CATALOGUE;
export type EventData<T extends EventType> = z.infer<(typeof EVENT_CATALOGUE)[T]['data']>;

/** Every `detail-type` of the catalogue. */
export const EVENT_TYPES = Object.keys(EVENT_CATALOGUE) as EventType[];

/** Whether a `detail-type` is one of the catalogue's. */
export function isEventType(type: string): type is EventType {
  return Object.hasOwn(EVENT_CATALOGUE, type);
}

/** The envelope every event's `detail` carries. */
export const EventEnvelope = z.object({
  eventId: z.string(),
  occurredAt: z.iso.datetime(),
  projectId: z.nullable(z.string()),
  actor: z.object({ userId: z.nullable(z.string()) }),
  correlationId: z.string(),
  data: z.record(z.string(), z.unknown()),
});
export type EventEnvelope = z.infer<typeof EventEnvelope>;
