import { startDeploymentExecution } from '#shared/deployments/executions';
import { ACTIVE, type DeploymentRunInput, loadDeployment, origin } from '#shared/deployments/lifecycle';
import * as m from '#shared/deployments/messages';
import { endedStages, movesCurrentVersion, type Outcome } from '#shared/deployments/outcome-rules';
import { wordDeploymentText } from '#shared/deployments/reason-texts';
import {
  type DeploymentRecord,
  oldestQueuedDeployment,
  recordExecutionArn,
  releaseLock,
  saveProgress,
  takeLockFor,
} from '#shared/deployments/repository';
import { restoredVersion } from '#shared/deployments/rollback-rules';
import { recordDeployedVersion } from '#shared/environments/repository';
import { publishEvent } from '#shared/events/publisher';
import { DEFAULT_LOCALE } from '#shared/i18n/locale';
import { type RecordedText, storedText } from '#shared/i18n/stored';
import { logger } from '#shared/observability';
import { TERMINAL_STATUSES } from '#shared/schemas/deployments';

// Ending a deployment releases the environment's lock and starts the next queued run, so
// this module needs the state machine (STATE_MACHINE_ARN_DEPLOYMENT_PIPELINE).

/**
 * Ends a deployment: records the outcome (pending stages are skipped, the stage in flight
 * takes the outcome), moves `currentVersion` only on success, announces it, releases the
 * environment's lock and starts the next queued deployment. Safe to call twice.
 */
export async function finishDeployment(
  input: DeploymentRunInput,
  outcome: Outcome,
  reason?: RecordedText,
  details: { restoredVersion?: string } = {},
): Promise<DeploymentRecord> {
  const deployment = await loadDeployment(input);
  if (TERMINAL_STATUSES.has(deployment.status)) {
    await releaseAndPromote(deployment);
    return deployment;
  }
  const now = new Date().toISOString();
  const finished: DeploymentRecord = {
    ...deployment,
    status: outcome,
    endedAt: now,
    ...(reason ? { failureReason: reason } : {}),
    approvalToken: undefined,
    stages: endedStages(deployment.stages, outcome, reason, now),
  };
  // Order matters: the version moves before the lock is released (the next run reads it as
  // its previous version), and the lock is released before the outcome is visible, so a
  // client that sees a finished deployment finds the environment free.
  if (movesCurrentVersion(outcome)) {
    await recordDeployedVersion(deployment.projectId, deployment.environmentId, deployment.version, deployment.id);
  }
  await releaseLock(deployment);
  if (!(await saveProgress(finished, ACTIVE))) {
    const current = await loadDeployment(input);
    await promoteNext(current);
    return current;
  }
  const data = { deploymentId: deployment.id, environmentId: deployment.environmentId, version: deployment.version };
  if (outcome === 'succeeded')
    await publishEvent('Deployment Succeeded', deployment.projectId, data, origin(deployment));
  if (outcome === 'failed') {
    await publishEvent(
      'Deployment Failed',
      deployment.projectId,
      { ...data, reason: reason ? inEnglish(reason) : 'failed' },
      origin(deployment),
    );
  }
  if (outcome === 'cancelled') {
    await publishEvent(
      'Deployment Cancelled',
      deployment.projectId,
      { ...data, reason: reason ? inEnglish(reason) : 'cancelled' },
      origin(deployment),
    );
  }
  if (outcome === 'rolled_back') {
    await publishEvent(
      'Deployment Rolled Back',
      deployment.projectId,
      {
        ...data,
        restoredVersion: restoredVersion(deployment, details.restoredVersion),
        reason: reason ? inEnglish(reason) : 'unhealthy',
      },
      origin(deployment),
    );
  }
  await promoteNext(finished);
  return finished;
}

// Events carry the reason in English words: their consumers (notifications) word texts for
// their recipients from the deployment itself, in each one's profile locale.
function inEnglish(reason: RecordedText): string {
  return wordDeploymentText(reason, DEFAULT_LOCALE);
}

/** Releases the lock held by `deployment` and hands the environment to the oldest queued one. */
export async function releaseAndPromote(deployment: DeploymentRecord): Promise<void> {
  await releaseLock(deployment);
  await promoteNext(deployment);
}

/** Starts the oldest queued deployment of the environment if the lock is free. */
async function promoteNext(deployment: DeploymentRecord): Promise<void> {
  const next = await oldestQueuedDeployment(deployment.environmentId);
  if (!next || !(await takeLockFor(next))) return;
  try {
    const executionArn = await startDeploymentExecution(next.projectId, next.id);
    await recordExecutionArn(next, executionArn);
  } catch (error) {
    // Never leave the lock with a deployment whose run did not start.
    logger.error('Could not start the next queued deployment', { deploymentId: next.id, error });
    await finishDeployment(
      { projectId: next.projectId, deploymentId: next.id },
      'failed',
      storedText(m.runNotStarted()),
    );
  }
}
