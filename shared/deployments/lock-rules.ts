import * as m from '#shared/deployments/messages';
import type { LocalizedText } from '#shared/i18n/catalogue';
import { DEFAULT_MAX_QUEUED } from '#shared/schemas/environments';

// The environment lock as decisions, without I/O: what a deployment that finds the
// environment busy does, whether it starts right after being queued, and which queued
// deployment the environment goes to next. The lock itself is a conditional write
// (shared/deployments/repository.ts); these rules only read what it answered.

/** How an environment treats a deployment that arrives while another one runs. */
export interface ConcurrencyPolicy {
  concurrency: 'queue' | 'reject';
  /** Absent on environments created before the cap: DEFAULT_MAX_QUEUED applies. */
  maxQueued?: number;
}

/** Why a deployment that found the environment locked is turned away (409). */
export interface LockRefusal {
  code: 'ENVIRONMENT_BUSY' | 'DEPLOYMENT_QUEUE_FULL';
  detail: LocalizedText;
}

/** Whether a busy environment lets deployments wait (so the queue's length matters). */
export function queuesWhenBusy(policy: ConcurrencyPolicy): boolean {
  return policy.concurrency === 'queue';
}

/**
 * What happens to a deployment that found the environment locked, with `queued` deployments
 * already waiting: refused under `concurrency: reject` or when the queue holds `maxQueued`
 * already; null when it joins the queue.
 */
export function lockedRefusal(policy: ConcurrencyPolicy, queued: number): LockRefusal | null {
  if (!queuesWhenBusy(policy)) {
    return { code: 'ENVIRONMENT_BUSY', detail: m.environmentBusy() };
  }
  const cap = policy.maxQueued ?? DEFAULT_MAX_QUEUED;
  if (queued >= cap) {
    return {
      code: 'DEPLOYMENT_QUEUE_FULL',
      detail: m.queueFull({ cap }),
    };
  }
  return null;
}

/**
 * What a deployment just stored does about the lock: `start` when it holds it, `take` when
 * nobody does (the holder finished between our insert and now, and would start nobody), and
 * `wait` when another deployment holds it (that one starts the next when it ends).
 */
export function afterQueued(holder: string | undefined, deploymentId: string): 'start' | 'take' | 'wait' {
  if (holder === deploymentId) return 'start';
  return holder ? 'wait' : 'take';
}

/** The queued deployment an environment goes to next: the oldest (ids are ULIDs, in creation order). */
export function nextInQueue<T extends { id: string; status: string }>(deployments: readonly T[]): T | undefined {
  let oldest: T | undefined;
  for (const deployment of deployments) {
    if (deployment.status === 'queued' && (!oldest || deployment.id < oldest.id)) oldest = deployment;
  }
  return oldest;
}
