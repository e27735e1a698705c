import { createHash } from 'node:crypto';
import { minimumRole, roleAtLeast } from '#shared/auth/permissions';
import { recordOf, table } from '#shared/data/repository';
import type { EnvironmentRecord } from '#shared/environments/repository';
import type { OwnershipVerification } from '#shared/schemas/environment-ownership';
import type { ProjectRole } from '#shared/schemas/projects';

// The stored side of environment ownership: the token, the verification record and the view
// members see. Apart from ownership.ts (which probes hosts over HTTP and DNS) so that reading
// an environment does not load the outbound HTTP client, its address policy and a resolver.

/** A host verified for an environment, as stored (one per environment, the last verification). */
export interface VerificationRecord {
  environmentId: string;
  host: string;
  verifiedAt: string;
  method: 'http' | 'dns';
}

/** Who may see the token and verify: whoever may edit the environment. */
const MANAGE_ENVIRONMENT = { resource: 'environment', action: 'manage' } as const;

/** Key of an environment's verification record. */
export const verificationKey = (projectId: string, environmentId: string) => ({
  PK: `PROJECT#${projectId}`,
  SK: `ENVOWNERSHIP#${environmentId}`,
});

/**
 * The environment's token. Derived from the ids, so every environment has one without a
 * migration; it needs no secrecy: it only binds a host to this one environment, and only
 * whoever controls the host can publish it there.
 */
export function ownershipToken(projectId: string, environmentId: string): string {
  const digest = createHash('sha256').update(`trellis-verification:${projectId}:${environmentId}`).digest('hex');
  return `trellis-verification=${digest.slice(0, 40)}`;
}

/** The lower-case host name of an environment's URL; undefined without a (valid) URL. */
export function hostOf(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return undefined;
  }
}

/** The verification state as members who may edit the environment see it; nothing for others. */
export async function ownershipViewFor(
  environment: EnvironmentRecord,
  role: ProjectRole,
): Promise<{ ownershipVerification?: OwnershipVerification }> {
  if (!roleAtLeast(role, minimumRole(MANAGE_ENVIRONMENT))) return {};
  const host = hostOf(environment.url) ?? null;
  const key = verificationKey(environment.projectId, environment.environmentId);
  const verification = recordOf<VerificationRecord>(await table.get(key.PK, key.SK));
  const current = verification !== undefined && verification.host === host ? verification : undefined;
  return {
    ownershipVerification: {
      token: ownershipToken(environment.projectId, environment.environmentId),
      host,
      verifiedAt: current?.verifiedAt ?? null,
      method: current?.method ?? null,
    },
  };
}
