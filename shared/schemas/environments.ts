import * as z from 'zod/mini';
import { localize } from '#shared/i18n/catalogue';
import { zodMessage } from '#shared/i18n/zod';
import { pageOf, ResourceId, Timestamp, UserId } from '#shared/schemas/common';
import { OwnershipVerification } from '#shared/schemas/environment-ownership';
import * as s from '#shared/schemas/messages';
import { ProjectRole } from '#shared/schemas/projects';
import { checkJsonPath } from '#shared/testing/assertions/json-path';

// Every module-scope schema is built in a `/* @__PURE__ */` call (each nested call too: esbuild
// drops a pure call only when its arguments are pure), so a Lambda bundle keeps only the schemas
// its route uses and init does not build the others (docs/benchmarks.md, cold start).

/** Lower-case slug: `prod`, `staging-eu`. */
export const Slug = /* @__PURE__ */ z
  .string()
  .check(
    /* @__PURE__ */ z.regex(/^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/, /* @__PURE__ */ zodMessage(s.slug)),
    /* @__PURE__ */ z.meta({ examples: ['production'] }),
  );

export const HttpUrl = /* @__PURE__ */ z.url({ protocol: /^https?$/ }).check(/* @__PURE__ */ z.maxLength(2048));

/** A signing secret: write-only, never returned. */
export const Secret = /* @__PURE__ */ z
  .string()
  .check(/* @__PURE__ */ z.minLength(16), /* @__PURE__ */ z.maxLength(256));

export const HealthCheck = /* @__PURE__ */ z.strictObject({
  // A path on the environment's own host: `//host/x` or `/\host/x` would resolve to another host.
  path: /* @__PURE__ */ z
    .string()
    .check(
      /* @__PURE__ */ z.regex(/^\/(?![/\\])[^\s\\]*$/, /* @__PURE__ */ zodMessage(s.pathOnly)),
      /* @__PURE__ */ z.maxLength(1024),
      /* @__PURE__ */ z.meta({ examples: ['/healthz'] }),
    ),
  expectedStatus: /* @__PURE__ */ z._default(
    /* @__PURE__ */ z.int().check(/* @__PURE__ */ z.minimum(100), /* @__PURE__ */ z.maximum(599)),
    200,
  ),
  timeoutMs: /* @__PURE__ */ z._default(
    /* @__PURE__ */ z.int().check(/* @__PURE__ */ z.minimum(100), /* @__PURE__ */ z.maximum(30_000)),
    5_000,
  ),
  attempts: /* @__PURE__ */ z._default(
    /* @__PURE__ */ z.int().check(/* @__PURE__ */ z.minimum(1), /* @__PURE__ */ z.maximum(20)),
    3,
  ),
  intervalSeconds: /* @__PURE__ */ z._default(
    /* @__PURE__ */ z.int().check(/* @__PURE__ */ z.minimum(1), /* @__PURE__ */ z.maximum(300)),
    10,
  ),
  /** Seconds between the deploy (or its callback) and the first probe. */
  initialDelaySeconds: /* @__PURE__ */ z._default(
    /* @__PURE__ */ z.int().check(/* @__PURE__ */ z.minimum(0), /* @__PURE__ */ z.maximum(3_600)),
    0,
  ),
  /** Healthy only after this many healthy answers in a row (up to attempts + window − 1 probes). */
  consecutiveSuccesses: /* @__PURE__ */ z._default(
    /* @__PURE__ */ z.int().check(/* @__PURE__ */ z.minimum(1), /* @__PURE__ */ z.maximum(20)),
    1,
  ),
  /** Where the health answer names the running version; it must equal the deployed one. */
  expectVersion: /* @__PURE__ */ z.optional(
    /* @__PURE__ */ z.union([
      /* @__PURE__ */ z.strictObject({
        jsonPath: /* @__PURE__ */ z.string().check(
          /* @__PURE__ */ z.refine((path) => {
            const check = checkJsonPath(path);
            return check.ok && check.definite;
          }, /* @__PURE__ */ zodMessage(s.definiteJsonPath)),
        ),
      }),
      /* @__PURE__ */ z.strictObject({
        header: /* @__PURE__ */ z
          .string()
          .check(/* @__PURE__ */ z.regex(/^[A-Za-z0-9-]{1,128}$/, /* @__PURE__ */ zodMessage(s.headerName))),
      }),
    ]),
  ),
});

export const DeployTargetInput = /* @__PURE__ */ z.strictObject({
  type: /* @__PURE__ */ z.literal('webhook'),
  url: HttpUrl,
  secret: /* @__PURE__ */ z.optional(Secret),
  /** The deployer reports on the hook's callbackUrl when the rollout finished (like webhook stages). */
  waitForCallback: /* @__PURE__ */ z._default(/* @__PURE__ */ z.boolean(), false),
  timeoutSeconds: /* @__PURE__ */ z._default(
    /* @__PURE__ */ z.int().check(/* @__PURE__ */ z.minimum(1), /* @__PURE__ */ z.maximum(86_400)),
    3_600,
  ),
});

/** A branch or tag pattern: `*` matches within one `/` segment, `**` across segments. */
export const RefPattern = /* @__PURE__ */ z
  .string()
  .check(/* @__PURE__ */ z.regex(/^[A-Za-z0-9._/*-]{1,255}$/, /* @__PURE__ */ zodMessage(s.refPattern)));

/**
 * Rules every deployment to the environment passes before its first deploy stage, whatever
 * its pipeline says (like GitHub environments): approvals from `approverRoles` or the named
 * `approverUserIds`, then `waitTimerSeconds`; only refs matching `allowedRefs` may deploy.
 */
export const Protection = /* @__PURE__ */ z
  .strictObject({
    requiredApprovals: /* @__PURE__ */ z._default(
      /* @__PURE__ */ z.int().check(/* @__PURE__ */ z.minimum(0), /* @__PURE__ */ z.maximum(10)),
      1,
    ),
    approverRoles: /* @__PURE__ */ z._default(
      /* @__PURE__ */ z.array(ProjectRole).check(/* @__PURE__ */ z.maxLength(4)),
      ['owner', 'maintainer'],
    ),
    approverUserIds: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.array(UserId).check(/* @__PURE__ */ z.maxLength(20))),
    preventSelfApproval: /* @__PURE__ */ z._default(/* @__PURE__ */ z.boolean(), true),
    approvalTimeoutSeconds: /* @__PURE__ */ z._default(
      /* @__PURE__ */ z.int().check(/* @__PURE__ */ z.minimum(60), /* @__PURE__ */ z.maximum(604_800)),
      86_400,
    ),
    waitTimerSeconds: /* @__PURE__ */ z._default(
      /* @__PURE__ */ z.int().check(/* @__PURE__ */ z.minimum(0), /* @__PURE__ */ z.maximum(86_400)),
      0,
    ),
    allowedRefs: /* @__PURE__ */ z.optional(
      /* @__PURE__ */ z.array(RefPattern).check(/* @__PURE__ */ z.minLength(1), /* @__PURE__ */ z.maxLength(20)),
    ),
  })
  .check(
    /* @__PURE__ */ z.refine(
      (rules) => rules.requiredApprovals === 0 || rules.approverRoles.length + (rules.approverUserIds?.length ?? 0) > 0,
      { error: () => localize(s.approversNeeded()), path: ['approverRoles'] },
    ),
  );

export const Concurrency = /* @__PURE__ */ z.enum(['queue', 'reject']);
/** How many deployments may wait for one environment; one more answers 409. */
export const MaxQueued = /* @__PURE__ */ z.int().check(/* @__PURE__ */ z.minimum(1), /* @__PURE__ */ z.maximum(100));
export const DEFAULT_MAX_QUEUED = 10;

export const CreateEnvironmentBody = /* @__PURE__ */ z.strictObject({
  name: Slug,
  url: /* @__PURE__ */ z.optional(HttpUrl),
  healthCheck: /* @__PURE__ */ z.optional(HealthCheck),
  deployTarget: DeployTargetInput,
  protection: /* @__PURE__ */ z.optional(Protection),
  concurrency: /* @__PURE__ */ z._default(Concurrency, 'queue'),
  maxQueued: /* @__PURE__ */ z._default(MaxQueued, DEFAULT_MAX_QUEUED),
});
export type CreateEnvironmentBody = z.infer<typeof CreateEnvironmentBody>;

/** `null` removes an optional setting; an omitted deployTarget.secret keeps the stored one. */
export const UpdateEnvironmentBody = /* @__PURE__ */ z
  .strictObject({
    url: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.nullable(HttpUrl)),
    healthCheck: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.nullable(HealthCheck)),
    deployTarget: /* @__PURE__ */ z.optional(DeployTargetInput),
    protection: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.nullable(Protection)),
    concurrency: /* @__PURE__ */ z.optional(Concurrency),
    maxQueued: /* @__PURE__ */ z.optional(MaxQueued),
  })
  .check(
    /* @__PURE__ */ z.refine((body) => Object.keys(body).length > 0, /* @__PURE__ */ zodMessage(s.atLeastOneField)),
  );
export type UpdateEnvironmentBody = z.infer<typeof UpdateEnvironmentBody>;

export const EnvironmentParams = /* @__PURE__ */ z.strictObject({ projectId: ResourceId, environmentId: ResourceId });

export const Environment = /* @__PURE__ */ z
  .object({
    id: ResourceId,
    projectId: ResourceId,
    name: Slug,
    url: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.string()),
    healthCheck: /* @__PURE__ */ z.optional(HealthCheck),
    deployTarget: /* @__PURE__ */ z.object({
      type: /* @__PURE__ */ z.literal('webhook'),
      url: /* @__PURE__ */ z.string(),
      hasSecret: /* @__PURE__ */ z.boolean(),
      waitForCallback: /* @__PURE__ */ z.boolean(),
      timeoutSeconds: /* @__PURE__ */ z.int(),
    }),
    protection: /* @__PURE__ */ z.optional(Protection),
    concurrency: Concurrency,
    maxQueued: /* @__PURE__ */ z.int(),
    currentVersion: /* @__PURE__ */ z.nullable(/* @__PURE__ */ z.string()),
    lastDeploymentId: /* @__PURE__ */ z.nullable(/* @__PURE__ */ z.string()),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    version: /* @__PURE__ */ z.int(),
    /** GET, for members who may edit the environment: how to prove its host is the project's (load tests need it). */
    ownershipVerification: /* @__PURE__ */ z.optional(OwnershipVerification),
  })
  .check(/* @__PURE__ */ z.meta({ id: 'Environment' }));
export type Environment = z.infer<typeof Environment>;
export type HealthCheck = z.infer<typeof HealthCheck>;
export type Protection = z.infer<typeof Protection>;

export const EnvironmentPage = /* @__PURE__ */ pageOf(Environment).check(
  /* @__PURE__ */ z.meta({ id: 'EnvironmentPage' }),
);
