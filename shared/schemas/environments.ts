import * as z from 'zod/mini';
import { localize } from '#shared/i18n/catalogue';
import { zodMessage } from '#shared/i18n/zod';
import { pageOf, ResourceId, Timestamp, UserId } from '#shared/schemas/common';
import { OwnershipVerification } from '#shared/schemas/environment-ownership';
import * as s from '#shared/schemas/messages';
import { ProjectRole } from '#shared/schemas/projects';
import { checkJsonPath } from '#shared/testing/assertions/json-path';

/** Lower-case slug: `prod`, `staging-eu`. */
export const Slug = z
  .string()
  .check(z.regex(/^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/, zodMessage(s.slug)), z.meta({ examples: ['production'] }));

export const HttpUrl = z.url({ protocol: /^https?$/ }).check(z.maxLength(2048));

/** A signing secret: write-only, never returned. */
export const Secret = z.string().check(z.minLength(16), z.maxLength(256));

export const HealthCheck = z.strictObject({
  // A path on the environment's own host: `//host/x` or `/\host/x` would resolve to another host.
  path: z
    .string()
    .check(
      z.regex(/^\/(?![/\\])[^\s\\]*$/, zodMessage(s.pathOnly)),
      z.maxLength(1024),
      z.meta({ examples: ['/healthz'] }),
    ),
  expectedStatus: z._default(z.int().check(z.minimum(100), z.maximum(599)), 200),
  timeoutMs: z._default(z.int().check(z.minimum(100), z.maximum(30_000)), 5_000),
  attempts: z._default(z.int().check(z.minimum(1), z.maximum(20)), 3),
  intervalSeconds: z._default(z.int().check(z.minimum(1), z.maximum(300)), 10),
  /** Seconds between the deploy (or its callback) and the first probe. */
  initialDelaySeconds: z._default(z.int().check(z.minimum(0), z.maximum(3_600)), 0),
  /** Healthy only after this many healthy answers in a row (up to attempts + window − 1 probes). */
  consecutiveSuccesses: z._default(z.int().check(z.minimum(1), z.maximum(20)), 1),
  /** Where the health answer names the running version; it must equal the deployed one. */
  expectVersion: z.optional(
    z.union([
      z.strictObject({
        jsonPath: z.string().check(
          z.refine((path) => {
            const check = checkJsonPath(path);
            return check.ok && check.definite;
          }, zodMessage(s.definiteJsonPath)),
        ),
      }),
      z.strictObject({ header: z.string().check(z.regex(/^[A-Za-z0-9-]{1,128}$/, zodMessage(s.headerName))) }),
    ]),
  ),
});

export const DeployTargetInput = z.strictObject({
  type: z.literal('webhook'),
  url: HttpUrl,
  secret: z.optional(Secret),
  /** The deployer reports on the hook's callbackUrl when the rollout finished (like webhook stages). */
  waitForCallback: z._default(z.boolean(), false),
  timeoutSeconds: z._default(z.int().check(z.minimum(1), z.maximum(86_400)), 3_600),
});

/** A branch or tag pattern: `*` matches within one `/` segment, `**` across segments. */
export const RefPattern = z.string().check(z.regex(/^[A-Za-z0-9._/*-]{1,255}$/, zodMessage(s.refPattern)));

/**
 * Rules every deployment to the environment passes before its first deploy stage, whatever
 * its pipeline says (like GitHub environments): approvals from `approverRoles` or the named
 * `approverUserIds`, then `waitTimerSeconds`; only refs matching `allowedRefs` may deploy.
 */
export const Protection = z
  .strictObject({
    requiredApprovals: z._default(z.int().check(z.minimum(0), z.maximum(10)), 1),
    approverRoles: z._default(z.array(ProjectRole).check(z.maxLength(4)), ['owner', 'maintainer']),
    approverUserIds: z.optional(z.array(UserId).check(z.maxLength(20))),
    preventSelfApproval: z._default(z.boolean(), true),
    approvalTimeoutSeconds: z._default(z.int().check(z.minimum(60), z.maximum(604_800)), 86_400),
    waitTimerSeconds: z._default(z.int().check(z.minimum(0), z.maximum(86_400)), 0),
    allowedRefs: z.optional(z.array(RefPattern).check(z.minLength(1), z.maxLength(20))),
  })
  .check(
    z.refine(
      (rules) => rules.requiredApprovals === 0 || rules.approverRoles.length + (rules.approverUserIds?.length ?? 0) > 0,
      { error: () => localize(s.approversNeeded()), path: ['approverRoles'] },
    ),
  );

export const Concurrency = z.enum(['queue', 'reject']);
/** How many deployments may wait for one environment; one more answers 409. */
export const MaxQueued = z.int().check(z.minimum(1), z.maximum(100));
export const DEFAULT_MAX_QUEUED = 10;

export const CreateEnvironmentBody = z.strictObject({
  name: Slug,
  url: z.optional(HttpUrl),
  healthCheck: z.optional(HealthCheck),
  deployTarget: DeployTargetInput,
  protection: z.optional(Protection),
  concurrency: z._default(Concurrency, 'queue'),
  maxQueued: z._default(MaxQueued, DEFAULT_MAX_QUEUED),
});
export type CreateEnvironmentBody = z.infer<typeof CreateEnvironmentBody>;

/** `null` removes an optional setting; an omitted deployTarget.secret keeps the stored one. */
export const UpdateEnvironmentBody = z
  .strictObject({
    url: z.optional(z.nullable(HttpUrl)),
    healthCheck: z.optional(z.nullable(HealthCheck)),
    deployTarget: z.optional(DeployTargetInput),
    protection: z.optional(z.nullable(Protection)),
    concurrency: z.optional(Concurrency),
    maxQueued: z.optional(MaxQueued),
  })
  .check(z.refine((body) => Object.keys(body).length > 0, zodMessage(s.atLeastOneField)));
export type UpdateEnvironmentBody = z.infer<typeof UpdateEnvironmentBody>;

export const EnvironmentParams = z.strictObject({ projectId: ResourceId, environmentId: ResourceId });

export const Environment = z
  .object({
    id: ResourceId,
    projectId: ResourceId,
    name: Slug,
    url: z.optional(z.string()),
    healthCheck: z.optional(HealthCheck),
    deployTarget: z.object({
      type: z.literal('webhook'),
      url: z.string(),
      hasSecret: z.boolean(),
      waitForCallback: z.boolean(),
      timeoutSeconds: z.int(),
    }),
    protection: z.optional(Protection),
    concurrency: Concurrency,
    maxQueued: z.int(),
    currentVersion: z.nullable(z.string()),
    lastDeploymentId: z.nullable(z.string()),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    version: z.int(),
    /** GET, for members who may edit the environment: how to prove its host is the project's (load tests need it). */
    ownershipVerification: z.optional(OwnershipVerification),
  })
  .check(z.meta({ id: 'Environment' }));
export type Environment = z.infer<typeof Environment>;
export type HealthCheck = z.infer<typeof HealthCheck>;
export type Protection = z.infer<typeof Protection>;

export const EnvironmentPage = pageOf(Environment).check(z.meta({ id: 'EnvironmentPage' }));
