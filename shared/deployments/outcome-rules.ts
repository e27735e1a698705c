import type { StageProgress } from '#shared/deployments/repository';
import type { RecordedText } from '#shared/i18n/stored';
import type { STAGE_STATUSES } from '#shared/schemas/deployments';

type StageStatus = (typeof STAGE_STATUSES)[number];

// How a deployment ends, as decisions without I/O: what becomes of its stages, and whether the
// environment's `currentVersion` moves. Writing it, releasing the lock and announcing it are
// shared/deployments/finish.ts.

/** How a deployment can end. */
export type Outcome = 'succeeded' | 'failed' | 'rolled_back' | 'cancelled';

/** Stage statuses that are final: a finished stage keeps its status when the deployment ends. */
const DONE_STAGE_STATUSES: ReadonlySet<StageStatus> = new Set([
  'succeeded',
  'failed',
  'rolled_back',
  'cancelled',
  'skipped',
]);

/** Whether a stage is over (it will not run again in this deployment). */
export function isStageDone(status: StageStatus): boolean {
  return DONE_STAGE_STATUSES.has(status);
}

/**
 * The stages once the deployment ended with `outcome`: finished stages stay as they are,
 * pending ones are skipped, and the stage in flight takes the outcome (with the reason, unless
 * it succeeded).
 */
export function endedStages(
  stages: readonly StageProgress[],
  outcome: Outcome,
  reason: RecordedText | undefined,
  now: string,
): StageProgress[] {
  return stages.map((stage) => {
    if (stage.status === 'pending') return { ...stage, status: 'skipped' };
    if (isStageDone(stage.status)) return stage;
    return {
      ...stage,
      status: outcome,
      endedAt: now,
      ...(reason && outcome !== 'succeeded' ? { failureReason: reason } : {}),
    };
  });
}

/**
 * Whether an ending moves the environment's `currentVersion` to the deployment's version:
 * only a success does (a failure left the previous version running, or a rollback restored it).
 */
export function movesCurrentVersion(outcome: Outcome): boolean {
  return outcome === 'succeeded';
}
