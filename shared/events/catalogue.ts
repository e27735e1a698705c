import * as z from 'zod/mini';
import { ProjectRole } from '#shared/schemas/projects';
import { TestRunSummary } from '#shared/schemas/test-runs';

/**
 * The catalogue of domain events: one entry per `detail-type`, with its `source` and the
 * schema of `detail.data`. Publishers and consumers validate against the same schemas.
 */
export const EVENT_CATALOGUE = {
  'User Registered': { source: 'trellis.users', data: z.object({ userId: z.string(), name: z.string() }) },
  'User Deleted': {
    source: 'trellis.users',
    data: z.object({ userId: z.string(), projectIds: z.array(z.string()) }),
  },
  'Project Created': {
    source: 'trellis.projects',
    data: z.object({ projectId: z.string(), key: z.string(), name: z.string() }),
  },
  'Project Updated': {
    source: 'trellis.projects',
    data: z.object({ projectId: z.string(), changes: z.array(z.string()), version: z.number() }),
  },
  'Project Deleted': { source: 'trellis.projects', data: z.object({ projectId: z.string(), key: z.string() }) },
  'Member Added': {
    source: 'trellis.projects',
    data: z.object({ projectId: z.string(), userId: z.string(), role: ProjectRole }),
  },
  'Member Role Changed': {
    source: 'trellis.projects',
    data: z.object({ projectId: z.string(), userId: z.string(), from: ProjectRole, to: ProjectRole }),
  },
  'Member Removed': {
    source: 'trellis.projects',
    data: z.object({ projectId: z.string(), userId: z.string(), role: ProjectRole }),
  },
  'Invitation Created': {
    source: 'trellis.projects',
    data: z.object({ invitationId: z.string(), projectId: z.string(), email: z.string(), role: ProjectRole }),
  },
  'Invitation Accepted': {
    source: 'trellis.projects',
    data: z.object({ invitationId: z.string(), projectId: z.string(), userId: z.string(), role: ProjectRole }),
  },
  'Invitation Declined': {
    source: 'trellis.projects',
    data: z.object({ invitationId: z.string(), projectId: z.string(), userId: z.string() }),
  },
  'Invitation Revoked': {
    source: 'trellis.projects',
    data: z.object({ invitationId: z.string(), projectId: z.string() }),
  },
  'Environment Created': {
    source: 'trellis.environments',
    data: z.object({ environmentId: z.string(), name: z.string() }),
  },
  'Environment Updated': {
    source: 'trellis.environments',
    data: z.object({ environmentId: z.string(), name: z.string(), changes: z.array(z.string()) }),
  },
  'Environment Deleted': {
    source: 'trellis.environments',
    data: z.object({ environmentId: z.string(), name: z.string() }),
  },
  'Deployment Queued': {
    source: 'trellis.deployments',
    data: z.object({ deploymentId: z.string(), environmentId: z.string(), version: z.string() }),
  },
  'Deployment Started': {
    source: 'trellis.deployments',
    data: z.object({ deploymentId: z.string(), environmentId: z.string(), version: z.string() }),
  },
  'Deployment Stage Changed': {
    source: 'trellis.deployments',
    data: z.object({ deploymentId: z.string(), stage: z.string(), status: z.string() }),
  },
  'Deployment Succeeded': {
    source: 'trellis.deployments',
    data: z.object({ deploymentId: z.string(), environmentId: z.string(), version: z.string() }),
  },
  'Deployment Failed': {
    source: 'trellis.deployments',
    data: z.object({ deploymentId: z.string(), environmentId: z.string(), version: z.string(), reason: z.string() }),
  },
  'Deployment Rolled Back': {
    source: 'trellis.deployments',
    data: z.object({
      deploymentId: z.string(),
      environmentId: z.string(),
      version: z.string(),
      restoredVersion: z.string(),
      reason: z.string(),
    }),
  },
  'Deployment Cancelled': {
    source: 'trellis.deployments',
    data: z.object({ deploymentId: z.string(), environmentId: z.string(), version: z.string(), reason: z.string() }),
  },
  'Approval Requested': {
    source: 'trellis.deployments',
    data: z.object({
      deploymentId: z.string(),
      stage: z.string(),
      requiredApprovals: z.number(),
      approverRoles: z.array(z.string()),
    }),
  },
  'Approval Granted': {
    source: 'trellis.deployments',
    data: z.object({ deploymentId: z.string(), stage: z.string(), userId: z.string(), approvals: z.number() }),
  },
  'Approval Rejected': {
    source: 'trellis.deployments',
    data: z.object({ deploymentId: z.string(), stage: z.string(), userId: z.string() }),
  },
  'Test Run Started': {
    source: 'trellis.tests',
    data: z.object({
      runId: z.string(),
      suiteId: z.nullable(z.string()),
      environmentId: z.nullable(z.string()),
      cases: z.number(),
    }),
  },
  /** The run finished with results: `status` passed or failed (every case counted in `summary`). */
  'Test Run Completed': {
    source: 'trellis.tests',
    data: z.object({
      runId: z.string(),
      suiteId: z.nullable(z.string()),
      source: z.enum(['execution', 'import']),
      status: z.enum(['passed', 'failed']),
      summary: TestRunSummary,
      newFailures: z.number(),
    }),
  },
  /** The run itself broke (status `errored`): why, in `reason`. */
  'Test Run Failed': {
    source: 'trellis.tests',
    data: z.object({ runId: z.string(), suiteId: z.nullable(z.string()), reason: z.string() }),
  },
} as const;

export type EventType = keyof typeof EVENT_CATALOGUE;
export type EventData<T extends EventType> = z.infer<(typeof EVENT_CATALOGUE)[T]['data']>;

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
