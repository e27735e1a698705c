import type { ProjectScope } from '#shared/auth/project-access';
import * as m from '#shared/environments/messages';
import { ownershipViewFor } from '#shared/environments/ownership-record';
import type { EnvironmentRecord } from '#shared/environments/repository';
import { getEnvironment, listEnvironments } from '#shared/environments/repository';
import { NotFoundError } from '#shared/http/errors';
import type { PageQuery } from '#shared/schemas/common';
import { DEFAULT_MAX_QUEUED, type Environment } from '#shared/schemas/environments';

export async function getEnvironmentForCaller(scope: ProjectScope, environmentId: string): Promise<Environment> {
  const { projectId, role } = scope;
  const environment = await requireEnvironment(projectId, environmentId);
  return { ...toEnvironmentView(environment), ...(await ownershipViewFor(environment, role)) };
}

export async function listEnvironmentsForCaller(scope: ProjectScope, page: PageQuery) {
  const { projectId } = scope;
  const result = await listEnvironments(projectId, page);
  return { items: result.items.map(toEnvironmentView), nextCursor: result.nextCursor };
}

/** The environment or a 404 (also for another project's environment id). */
export async function requireEnvironment(projectId: string, environmentId: string): Promise<EnvironmentRecord> {
  const environment = await getEnvironment(projectId, environmentId);
  if (!environment) throw new NotFoundError('ENVIRONMENT_NOT_FOUND', m.environmentNotFound());
  return environment;
}

/** An environment as the API shows it: the deploy target's secret is never part of it. */
export function toEnvironmentView(environment: EnvironmentRecord): Environment {
  return {
    id: environment.environmentId,
    projectId: environment.projectId,
    name: environment.name,
    ...(environment.url !== undefined ? { url: environment.url } : {}),
    ...(environment.healthCheck !== undefined ? { healthCheck: environment.healthCheck } : {}),
    deployTarget: {
      type: environment.deployTarget.type,
      url: environment.deployTarget.url,
      hasSecret: environment.deployTarget.hasSecret,
      waitForCallback: environment.deployTarget.waitForCallback ?? false,
      timeoutSeconds: environment.deployTarget.timeoutSeconds ?? 3_600,
    },
    ...(environment.protection !== undefined ? { protection: environment.protection } : {}),
    concurrency: environment.concurrency,
    maxQueued: environment.maxQueued ?? DEFAULT_MAX_QUEUED,
    currentVersion: environment.currentVersion,
    lastDeploymentId: environment.lastDeploymentId,
    createdAt: environment.createdAt,
    updatedAt: environment.updatedAt,
    version: environment.version,
  };
}
