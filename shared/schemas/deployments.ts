import * as z from 'zod/mini';
import { zodMessage } from '#shared/i18n/zod';
import { pageOf, ResourceId, Timestamp, UserId } from '#shared/schemas/common';
import * as s from '#shared/schemas/messages';

export const DEPLOYMENT_STATUSES = [
  'queued',
  'running',
  'waiting_for_approval',
  'waiting_for_callback',
  'succeeded',
  'failed',
  'rolled_back',
  'cancelled',
] as const;
export const DeploymentStatus = z.enum(DEPLOYMENT_STATUSES);
export type DeploymentStatus = z.infer<typeof DeploymentStatus>;
export const TERMINAL_STATUSES: ReadonlySet<DeploymentStatus> = new Set([
  'succeeded',
  'failed',
  'rolled_back',
  'cancelled',
]);

export const STAGE_STATUSES = [
  'pending',
  'running',
  'waiting_for_approval',
  'waiting_for_callback',
  'succeeded',
  'failed',
  'rolled_back',
  'cancelled',
  'skipped',
] as const;

/** A version label: a tag, a commit SHA, a build number. */
export const VersionLabel = z.string().check(z.regex(/^[A-Za-z0-9][A-Za-z0-9._+-]{0,127}$/, zodMessage(s.version)));

/** The branch or tag a deployment comes from (checked against the environment's allowedRefs). */
export const GitRef = z.string().check(
  z.regex(/^[A-Za-z0-9._-][A-Za-z0-9._/-]{0,254}$/, zodMessage(s.gitRefName)),
  // What `git check-ref-format` refuses too: `release/../main` would otherwise match `release/**`.
  z.refine((ref) => !/\.\.|\/\/|(^|\/)\.|\.lock(\/|$)|[/.]$/.test(ref), zodMessage(s.gitRefValid)),
);

export const CreateDeploymentBody = z.strictObject({
  pipelineId: ResourceId,
  environmentId: ResourceId,
  version: VersionLabel,
  ref: z.optional(GitRef),
  parameters: z.optional(
    z
      .record(z.string().check(z.regex(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/)), z.string().check(z.maxLength(1024)))
      .check(z.refine((parameters) => Object.keys(parameters).length <= 50, zodMessage(s.atMost50Parameters))),
  ),
});
export type CreateDeploymentBody = z.infer<typeof CreateDeploymentBody>;

export const ListDeploymentsQuery = z.strictObject({
  limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(100)), 20),
  cursor: z.optional(z.string().check(z.minLength(1), z.maxLength(2048), z.regex(/^[A-Za-z0-9_-]+$/))),
  environmentId: z.optional(ResourceId),
  status: z.optional(DeploymentStatus),
});
export type ListDeploymentsQuery = z.infer<typeof ListDeploymentsQuery>;

export const DeploymentParams = z.strictObject({ projectId: ResourceId, deploymentId: ResourceId });

export const ApprovalBody = z.strictObject({
  decision: z.enum(['approve', 'reject']),
  comment: z.optional(z.string().check(z.maxLength(2000))),
});
export type ApprovalBody = z.infer<typeof ApprovalBody>;

/** Optional: a bare POST cancels too. */
export const CancelBody = z.optional(z.strictObject({ reason: z.optional(z.string().check(z.maxLength(500))) }));

export const CallbackParams = z.strictObject({
  callbackId: z
    .string()
    .check(z.regex(/^[0-9a-z]{26}$/, zodMessage(s.callbackId)), z.meta({ examples: ['01jq3v6m2x8k9c7w4e5r1t0y2u'] })),
});
export const CallbackBody = z.strictObject({
  status: z.enum(['succeeded', 'failed']),
  logUrl: z.optional(z.url({ protocol: /^https?$/ }).check(z.maxLength(2048))),
  message: z.optional(z.string().check(z.maxLength(2000))),
});
export type CallbackBody = z.infer<typeof CallbackBody>;

const Approval = z.object({
  userId: UserId,
  decision: z.enum(['approve', 'reject']),
  comment: z.optional(z.string()),
  at: Timestamp,
});

export const DeploymentStage = z.object({
  name: z.string(),
  type: z.enum(['webhook', 'approval', 'deploy', 'test']),
  status: z.enum(STAGE_STATUSES),
  startedAt: z.optional(Timestamp),
  endedAt: z.optional(Timestamp),
  attempts: z.int(),
  approvals: z.optional(z.array(Approval)),
  requiredApprovals: z.optional(z.int()),
  logUrl: z.optional(z.string()),
  /** Test stages: the run of the stage's suite (GET .../test-runs/{runId}) and the pass rate it reached. */
  runId: z.optional(z.string()),
  passRate: z.optional(z.nullable(z.number())),
  message: z.optional(z.string()),
  failureReason: z.optional(z.string()),
});
export type DeploymentStage = z.infer<typeof DeploymentStage>;

export const Deployment = z
  .object({
    id: ResourceId,
    projectId: ResourceId,
    environmentId: ResourceId,
    pipelineId: ResourceId,
    pipelineVersion: z.int(),
    version: z.string(),
    ref: z.optional(z.string()),
    previousVersion: z.nullable(z.string()),
    parameters: z.optional(z.record(z.string(), z.string())),
    status: DeploymentStatus,
    stages: z.array(DeploymentStage),
    createdBy: UserId,
    createdAt: Timestamp,
    updatedAt: Timestamp,
    startedAt: z.optional(Timestamp),
    endedAt: z.optional(Timestamp),
    failureReason: z.optional(z.string()),
  })
  .check(z.meta({ id: 'Deployment' }));
export type Deployment = z.infer<typeof Deployment>;

/** What every outbound deployment hook carries. */
const hookShape = {
  deploymentId: ResourceId,
  projectId: ResourceId,
  environment: z.object({ id: ResourceId, name: z.string(), url: z.nullable(z.string()) }),
  version: z.string(),
  ref: z.optional(z.string()),
  stage: z.string(),
  /** The deployment's `parameters`, as given ({} when none). */
  parameters: z.record(z.string(), z.string()),
  callbackUrl: z.optional(z.string()),
};

/**
 * The body Trellis POSTs to a webhook stage's url, signed with the stage's secret
 * (`X-Trellis-Timestamp`, `X-Trellis-Signature`). `callbackUrl` when the stage waits for a callback.
 */
export const StageWebhookPayload = z.object(hookShape).check(z.meta({ id: 'StageWebhookPayload' }));
export type StageWebhookPayload = z.infer<typeof StageWebhookPayload>;

/**
 * The body Trellis POSTs to an environment's deploy target, signed with the target's
 * secret: deploy `version` (the previous version when `rollback`). `callbackUrl` when the
 * target has `waitForCallback`: report the end of the rollout there.
 */
export const DeployHookPayload = z
  .object({ ...hookShape, rollback: z.optional(z.literal(true)) })
  .check(z.meta({ id: 'DeployHookPayload' }));
export type DeployHookPayload = z.infer<typeof DeployHookPayload>;

export const DeploymentAccepted = z
  .object({ id: ResourceId, status: DeploymentStatus })
  .check(z.meta({ id: 'DeploymentAccepted' }));

export const DeploymentPage = pageOf(Deployment).check(z.meta({ id: 'DeploymentPage' }));
