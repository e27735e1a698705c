import * as z from 'zod/mini';
import { zodMessage } from '#shared/i18n/zod';
import { pageOf, ResourceId, Timestamp, UserId } from '#shared/schemas/common';
import * as s from '#shared/schemas/messages';

// Every module-scope schema is built in a `/* @__PURE__ */` call (each nested call too: esbuild
// drops a pure call only when its arguments are pure), so a Lambda bundle keeps only the schemas
// its route uses and init does not build the others (docs/benchmarks.md, cold start).

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
export const DeploymentStatus = /* @__PURE__ */ z.enum(DEPLOYMENT_STATUSES);
export type DeploymentStatus = z.infer<typeof DeploymentStatus>;
export const TERMINAL_STATUSES: ReadonlySet<DeploymentStatus> = /* @__PURE__ */ new Set([
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
export const VersionLabel = /* @__PURE__ */ z
  .string()
  .check(/* @__PURE__ */ z.regex(/^[A-Za-z0-9][A-Za-z0-9._+-]{0,127}$/, /* @__PURE__ */ zodMessage(s.version)));

/** The branch or tag a deployment comes from (checked against the environment's allowedRefs). */
export const GitRef = /* @__PURE__ */ z.string().check(
  /* @__PURE__ */ z.regex(/^[A-Za-z0-9._-][A-Za-z0-9._/-]{0,254}$/, /* @__PURE__ */ zodMessage(s.gitRefName)),
  // What `git check-ref-format` refuses too: `release/../main` would otherwise match `release/**`.
  /* @__PURE__ */ z.refine(
    (ref) => !/\.\.|\/\/|(^|\/)\.|\.lock(\/|$)|[/.]$/.test(ref),
    /* @__PURE__ */ zodMessage(s.gitRefValid),
  ),
);

export const CreateDeploymentBody = /* @__PURE__ */ z.strictObject({
  pipelineId: ResourceId,
  environmentId: ResourceId,
  version: VersionLabel,
  ref: /* @__PURE__ */ z.optional(GitRef),
  parameters: /* @__PURE__ */ z.optional(
    /* @__PURE__ */ z
      .record(
        /* @__PURE__ */ z.string().check(/* @__PURE__ */ z.regex(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/)),
        /* @__PURE__ */ z.string().check(/* @__PURE__ */ z.maxLength(1024)),
      )
      .check(
        /* @__PURE__ */ z.refine(
          (parameters) => Object.keys(parameters).length <= 50,
          /* @__PURE__ */ zodMessage(s.atMost50Parameters),
        ),
      ),
  ),
});
export type CreateDeploymentBody = z.infer<typeof CreateDeploymentBody>;

export const ListDeploymentsQuery = /* @__PURE__ */ z.strictObject({
  limit: /* @__PURE__ */ z._default(
    /* @__PURE__ */ z.coerce
      .number()
      .check(/* @__PURE__ */ z.int(), /* @__PURE__ */ z.minimum(1), /* @__PURE__ */ z.maximum(100)),
    20,
  ),
  cursor: /* @__PURE__ */ z.optional(
    /* @__PURE__ */ z
      .string()
      .check(
        /* @__PURE__ */ z.minLength(1),
        /* @__PURE__ */ z.maxLength(2048),
        /* @__PURE__ */ z.regex(/^[A-Za-z0-9_-]+$/),
      ),
  ),
  environmentId: /* @__PURE__ */ z.optional(ResourceId),
  status: /* @__PURE__ */ z.optional(DeploymentStatus),
});
export type ListDeploymentsQuery = z.infer<typeof ListDeploymentsQuery>;

export const DeploymentParams = /* @__PURE__ */ z.strictObject({ projectId: ResourceId, deploymentId: ResourceId });

export const ApprovalBody = /* @__PURE__ */ z.strictObject({
  decision: /* @__PURE__ */ z.enum(['approve', 'reject']),
  comment: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.string().check(/* @__PURE__ */ z.maxLength(2000))),
});
export type ApprovalBody = z.infer<typeof ApprovalBody>;

/** Optional: a bare POST cancels too. */
export const CancelBody = /* @__PURE__ */ z.optional(
  /* @__PURE__ */ z.strictObject({
    reason: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.string().check(/* @__PURE__ */ z.maxLength(500))),
  }),
);

export const CallbackParams = /* @__PURE__ */ z.strictObject({
  callbackId: /* @__PURE__ */ z
    .string()
    .check(
      /* @__PURE__ */ z.regex(/^[0-9a-z]{26}$/, /* @__PURE__ */ zodMessage(s.callbackId)),
      /* @__PURE__ */ z.meta({ examples: ['01jq3v6m2x8k9c7w4e5r1t0y2u'] }),
    ),
});
export const CallbackBody = /* @__PURE__ */ z.strictObject({
  status: /* @__PURE__ */ z.enum(['succeeded', 'failed']),
  logUrl: /* @__PURE__ */ z.optional(
    /* @__PURE__ */ z.url({ protocol: /^https?$/ }).check(/* @__PURE__ */ z.maxLength(2048)),
  ),
  message: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.string().check(/* @__PURE__ */ z.maxLength(2000))),
});
export type CallbackBody = z.infer<typeof CallbackBody>;

const Approval = /* @__PURE__ */ z.object({
  userId: UserId,
  decision: /* @__PURE__ */ z.enum(['approve', 'reject']),
  comment: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.string()),
  at: Timestamp,
});

export const DeploymentStage = /* @__PURE__ */ z.object({
  name: /* @__PURE__ */ z.string(),
  type: /* @__PURE__ */ z.enum(['webhook', 'approval', 'deploy', 'test', 'quality-gate']),
  status: /* @__PURE__ */ z.enum(STAGE_STATUSES),
  startedAt: /* @__PURE__ */ z.optional(Timestamp),
  endedAt: /* @__PURE__ */ z.optional(Timestamp),
  attempts: /* @__PURE__ */ z.int(),
  approvals: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.array(Approval)),
  requiredApprovals: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.int()),
  logUrl: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.string()),
  /** Test stages: the run of the stage's suite (GET .../test-runs/{runId}) and the pass rate it reached. */
  runId: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.string()),
  passRate: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.nullable(/* @__PURE__ */ z.number())),
  /** Quality-gate stages: the analysis of the version (GET .../analyses/{analysisId}), once one was found. */
  analysisId: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.string()),
  /** Quality-gate stages: the verdict of the project's quality gate on that analysis, once it completed. */
  gateStatus: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.enum(['passed', 'failed'])),
  message: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.string()),
  failureReason: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.string()),
});
export type DeploymentStage = z.infer<typeof DeploymentStage>;

export const Deployment = /* @__PURE__ */ z
  .object({
    id: ResourceId,
    projectId: ResourceId,
    environmentId: ResourceId,
    pipelineId: ResourceId,
    pipelineVersion: /* @__PURE__ */ z.int(),
    version: /* @__PURE__ */ z.string(),
    ref: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.string()),
    previousVersion: /* @__PURE__ */ z.nullable(/* @__PURE__ */ z.string()),
    parameters: /* @__PURE__ */ z.optional(
      /* @__PURE__ */ z.record(/* @__PURE__ */ z.string(), /* @__PURE__ */ z.string()),
    ),
    status: DeploymentStatus,
    stages: /* @__PURE__ */ z.array(DeploymentStage),
    createdBy: UserId,
    createdAt: Timestamp,
    updatedAt: Timestamp,
    startedAt: /* @__PURE__ */ z.optional(Timestamp),
    endedAt: /* @__PURE__ */ z.optional(Timestamp),
    failureReason: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.string()),
  })
  .check(/* @__PURE__ */ z.meta({ id: 'Deployment' }));
export type Deployment = z.infer<typeof Deployment>;

/** What every outbound deployment hook carries. */
const hookShape = {
  deploymentId: ResourceId,
  projectId: ResourceId,
  environment: /* @__PURE__ */ z.object({
    id: ResourceId,
    name: /* @__PURE__ */ z.string(),
    url: /* @__PURE__ */ z.nullable(/* @__PURE__ */ z.string()),
  }),
  version: /* @__PURE__ */ z.string(),
  ref: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.string()),
  stage: /* @__PURE__ */ z.string(),
  /** The deployment's `parameters`, as given ({} when none). */
  parameters: /* @__PURE__ */ z.record(/* @__PURE__ */ z.string(), /* @__PURE__ */ z.string()),
  callbackUrl: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.string()),
};

/**
 * The body Trellis POSTs to a webhook stage's url, signed with the stage's secret
 * (`X-Trellis-Timestamp`, `X-Trellis-Signature`). `callbackUrl` when the stage waits for a callback.
 */
export const StageWebhookPayload = /* @__PURE__ */ z
  .object(hookShape)
  .check(/* @__PURE__ */ z.meta({ id: 'StageWebhookPayload' }));
export type StageWebhookPayload = z.infer<typeof StageWebhookPayload>;

/**
 * The body Trellis POSTs to an environment's deploy target, signed with the target's
 * secret: deploy `version` (the previous version when `rollback`). `callbackUrl` when the
 * target has `waitForCallback`: report the end of the rollout there.
 */
export const DeployHookPayload = /* @__PURE__ */ z
  // Extended rather than spread: esbuild cannot drop a pure call whose argument spreads an object.
  .extend(/* @__PURE__ */ z.object(hookShape), {
    rollback: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.literal(true)),
  })
  .check(/* @__PURE__ */ z.meta({ id: 'DeployHookPayload' }));
export type DeployHookPayload = z.infer<typeof DeployHookPayload>;

export const DeploymentAccepted = /* @__PURE__ */ z
  .object({ id: ResourceId, status: DeploymentStatus })
  .check(/* @__PURE__ */ z.meta({ id: 'DeploymentAccepted' }));

export const DeploymentPage = /* @__PURE__ */ pageOf(Deployment).check(
  /* @__PURE__ */ z.meta({ id: 'DeploymentPage' }),
);
