import * as z from 'zod/mini';
import { pageOf, ResourceId, Timestamp } from '#shared/schemas/common';
import { OwnershipVerification } from '#shared/schemas/environment-ownership';
import { ProjectRole } from '#shared/schemas/projects';

/** Lower-case slug: `prod`, `staging-eu`. */
export const Slug = z
  .string()
  .check(
    z.regex(/^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/, 'must be a lower-case slug of 1-40 letters, digits or dashes'),
  );

export const HttpUrl = z.url({ protocol: /^https?$/ }).check(z.maxLength(2048));

/** A signing secret: write-only, never returned. */
export const Secret = z.string().check(z.minLength(16), z.maxLength(256));

export const HealthCheck = z.strictObject({
  path: z.string().check(z.regex(/^\/[^\s]*$/, 'must start with /'), z.maxLength(1024)),
  expectedStatus: z._default(z.int().check(z.minimum(100), z.maximum(599)), 200),
  timeoutMs: z._default(z.int().check(z.minimum(100), z.maximum(30_000)), 5_000),
  attempts: z._default(z.int().check(z.minimum(1), z.maximum(20)), 3),
  intervalSeconds: z._default(z.int().check(z.minimum(1), z.maximum(300)), 10),
});

export const DeployTargetInput = z.strictObject({
  type: z.literal('webhook'),
  url: HttpUrl,
  secret: z.optional(Secret),
});

export const Protection = z.strictObject({
  requiredApprovals: z._default(z.int().check(z.minimum(0), z.maximum(10)), 1),
  approverRoles: z._default(z.array(ProjectRole).check(z.minLength(1), z.maxLength(4)), ['owner', 'maintainer']),
  preventSelfApproval: z._default(z.boolean(), true),
  approvalTimeoutSeconds: z._default(z.int().check(z.minimum(60), z.maximum(604_800)), 86_400),
});

export const Concurrency = z.enum(['queue', 'reject']);

export const CreateEnvironmentBody = z.strictObject({
  name: Slug,
  url: z.optional(HttpUrl),
  healthCheck: z.optional(HealthCheck),
  deployTarget: DeployTargetInput,
  protection: z.optional(Protection),
  concurrency: z._default(Concurrency, 'queue'),
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
  })
  .check(z.refine((body) => Object.keys(body).length > 0, 'at least one field must be given'));
export type UpdateEnvironmentBody = z.infer<typeof UpdateEnvironmentBody>;

export const EnvironmentParams = z.strictObject({ projectId: ResourceId, environmentId: ResourceId });

export const Environment = z
  .object({
    environmentId: ResourceId,
    projectId: ResourceId,
    name: Slug,
    url: z.optional(z.string()),
    healthCheck: z.optional(HealthCheck),
    deployTarget: z.object({ type: z.literal('webhook'), url: z.string(), hasSecret: z.boolean() }),
    protection: z.optional(Protection),
    concurrency: Concurrency,
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
