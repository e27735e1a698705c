import type { ProjectScope } from '#shared/auth/project-access';
import * as m from '#shared/environments/messages';
import { requireEnvironment } from '#shared/environments/queries';
import { deleteEnvironmentRecord } from '#shared/environments/repository';
import { publishEvent } from '#shared/events/publisher';
import { ConflictError } from '#shared/http/errors';

// Apart from commands.ts: deleting stores no secret, so its Lambda is not bound to the secrets key.

/** Deletes an environment; refused with 409 while a deployment runs against it. */
export async function deleteEnvironment(scope: ProjectScope, environmentId: string): Promise<void> {
  const { projectId, caller } = scope;
  const environment = await requireEnvironment(projectId, environmentId);
  const outcome = await deleteEnvironmentRecord(environment);
  if (outcome === 'busy') {
    throw new ConflictError('ENVIRONMENT_BUSY', m.deploymentRunning());
  }
  if (outcome === 'gone') await requireEnvironment(projectId, environmentId);
  await publishEvent(
    'Environment Deleted',
    projectId,
    { environmentId, name: environment.name },
    { actorId: caller.auth.userId, correlationId: caller.correlationId },
  );
}
