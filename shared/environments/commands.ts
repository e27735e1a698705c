import { ulid } from 'ulid';
import type { Caller } from '#shared/auth/context';
import type { ProjectScope } from '#shared/auth/project-access';
import { encryptSecret } from '#shared/crypto/secrets';
import * as m from '#shared/environments/messages';
import { requireEnvironment, toEnvironmentView } from '#shared/environments/queries';
import {
  type EnvironmentRecord,
  environmentSecretContext,
  insertEnvironment,
  replaceEnvironmentSettings,
} from '#shared/environments/repository';
import { publishEvent } from '#shared/events/publisher';
import { ConflictError, PreconditionFailedError, ValidationError } from '#shared/http/errors';
import { assertOutboundUrl } from '#shared/http/outbound';
import { parseVersionTag } from '#shared/http/versioning';
import type { CreateEnvironmentBody, Environment, UpdateEnvironmentBody } from '#shared/schemas/environments';

const origin = (caller: Caller) => ({ actorId: caller.auth.userId, correlationId: caller.correlationId });

/** Creates an environment; its name is unique in the project, its URLs must be reachable publicly. */
export async function createEnvironment(scope: ProjectScope, input: CreateEnvironmentBody): Promise<Environment> {
  const { projectId, caller } = scope;
  checkUrls(input);
  const now = new Date().toISOString();
  const environment: EnvironmentRecord = {
    environmentId: ulid().toLowerCase(),
    projectId,
    name: input.name,
    url: input.url,
    healthCheck: input.healthCheck,
    deployTarget: deployTargetOf(input.deployTarget, false),
    protection: input.protection,
    concurrency: input.concurrency,
    maxQueued: input.maxQueued,
    currentVersion: null,
    lastDeploymentId: null,
    createdAt: now,
    updatedAt: now,
    version: 1,
  };
  assertCallbackVerifiable(environment.deployTarget);
  const secret = await sealedDeploySecret(environment, input.deployTarget.secret);
  if (!(await insertEnvironment(environment, secret))) {
    throw new ConflictError('ENVIRONMENT_NAME_TAKEN', m.environmentNameTaken({ name: input.name }));
  }
  await publishEvent(
    'Environment Created',
    projectId,
    { environmentId: environment.environmentId, name: environment.name },
    origin(caller),
  );
  return toEnvironmentView(environment);
}

/**
 * Updates settings (honours If-Match). An omitted `deployTarget.secret` keeps the stored
 * secret; `null` clears url, healthCheck or protection.
 */
export async function updateEnvironment(
  scope: ProjectScope,
  environmentId: string,
  patch: UpdateEnvironmentBody,
  ifMatch: string | undefined,
): Promise<Environment> {
  const { projectId, caller } = scope;
  checkUrls(patch);
  const current = await requireEnvironment(projectId, environmentId);
  const expected = ifMatch === undefined ? current.version : parseVersionTag(ifMatch);
  const next: EnvironmentRecord = {
    ...current,
    ...(patch.url !== undefined ? { url: patch.url ?? undefined } : {}),
    ...(patch.healthCheck !== undefined ? { healthCheck: patch.healthCheck ?? undefined } : {}),
    ...(patch.protection !== undefined ? { protection: patch.protection ?? undefined } : {}),
    ...(patch.concurrency !== undefined ? { concurrency: patch.concurrency } : {}),
    ...(patch.maxQueued !== undefined ? { maxQueued: patch.maxQueued } : {}),
    ...(patch.deployTarget !== undefined
      ? {
          deployTarget: deployTargetOf(patch.deployTarget, current.deployTarget.hasSecret),
        }
      : {}),
    updatedAt: new Date().toISOString(),
    version: current.version + 1,
  };
  assertCallbackVerifiable(next.deployTarget);
  const secret = await sealedDeploySecret(next, patch.deployTarget?.secret);
  if (!(await replaceEnvironmentSettings(next, expected, secret))) {
    if (ifMatch !== undefined) {
      throw new PreconditionFailedError('VERSION_MISMATCH', m.versionMismatch());
    }
    throw new ConflictError('CONCURRENT_MODIFICATION', m.concurrentModification());
  }
  await publishEvent(
    'Environment Updated',
    projectId,
    { environmentId, name: current.name, changes: Object.keys(patch) },
    origin(caller),
  );
  return toEnvironmentView(next);
}

/** The deploy target as stored: its secret becomes `hasSecret` (or keeps the stored one's). */
function deployTargetOf(input: CreateEnvironmentBody['deployTarget'], hadSecret: boolean) {
  return {
    type: 'webhook' as const,
    url: input.url,
    hasSecret: input.secret !== undefined || hadSecret,
    waitForCallback: input.waitForCallback,
    timeoutSeconds: input.timeoutSeconds,
  };
}

/** A deployer's callback is verified with the target's secret: waiting for one needs a secret. */
function assertCallbackVerifiable(deployTarget: { waitForCallback?: boolean; hasSecret: boolean }): void {
  if (deployTarget.waitForCallback && !deployTarget.hasSecret) {
    throw new ValidationError([
      {
        path: 'body.deployTarget.secret',
        message: 'a deploy target that waits for a callback needs a secret to verify the callback with',
      },
    ]);
  }
}

function checkUrls(input: { url?: string | null; deployTarget?: { url: string } }): void {
  if (input.url) assertOutboundUrl(input.url, 'body.url');
  if (input.deployTarget) assertOutboundUrl(input.deployTarget.url, 'body.deployTarget.url');
}

/** The deploy target's secret sealed for storage (see `shared/crypto/envelope.ts`); undefined keeps the stored one. */
async function sealedDeploySecret(environment: EnvironmentRecord, secret: string | undefined) {
  if (secret === undefined) return undefined;
  return encryptSecret(secret, environmentSecretContext(environment.projectId, environment.environmentId));
}
