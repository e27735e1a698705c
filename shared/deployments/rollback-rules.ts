// Which version a deployment's deploy target and health checks deal with, as decisions
// without I/O. Whether a failed check rolls back is the state machine's CanRollBack choice
// (statemachines/deployment-pipeline.asl.json); `rollsBack` states the same rule, and
// test/unit/rollback-rules.test.ts holds the two together.

/** The versions a deployment knows: its own, and what the environment ran when it started. */
export interface DeploymentVersions {
  version: string;
  /** Null when the environment never ran a version: there is nothing to roll back to. */
  previousVersion: string | null;
}

/**
 * The version deployed (or expected running by the health checks): the deployment's own, or on
 * rollback the previous one; null when a rollback has nothing to restore.
 */
export function targetVersion(deployment: DeploymentVersions, rollback: boolean): string | null {
  return rollback ? deployment.previousVersion : deployment.version;
}

/**
 * Whether a failure rolls back: only after the deploy stage called the target (before it, the
 * previous version still runs) and only when there is a previous version to restore.
 */
export function rollsBack(failure: { afterDeploy: boolean; previousVersion: string | null }): boolean {
  return failure.afterDeploy && failure.previousVersion !== null;
}

/**
 * The previous version a deployment restores on rollback: what the environment runs when its
 * run begins (not when it was queued: a deployment queued behind another restores that one's).
 */
export function previousVersionAtStart(environment: { currentVersion: string | null }): string | null {
  return environment.currentVersion;
}

/** The version a rolled-back deployment announces as restored. */
export function restoredVersion(deployment: DeploymentVersions, reported?: string): string {
  return reported ?? deployment.previousVersion ?? '';
}
