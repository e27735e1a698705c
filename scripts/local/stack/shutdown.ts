import type { Logger } from '../log.ts';

/** Stops what the local stack started, newest first. */
export interface ShutdownOrder {
  /** Registers a component's `stop` and hands the component back. */
  track<T extends { stop(): Promise<void> }>(component: T): T;
  /** Registers a step that is not a component's stop (e.g. draining event deliveries). */
  add(step: () => Promise<void>): void;
  /** Runs every registered step once, in reverse order; a failing step is logged, not fatal. */
  stopAll(): Promise<void>;
}

/** Stopped in reverse order of starting: gateway, event drain, bus, then the emulators. */
export function createShutdownOrder(log: Logger): ShutdownOrder {
  const steps: Array<() => Promise<void>> = [];
  return {
    track(component) {
      steps.push(() => component.stop());
      return component;
    },
    add(step) {
      steps.push(step);
    },
    async stopAll() {
      for (const stop of steps.splice(0).reverse()) {
        try {
          await stop();
        } catch (error) {
          log.error('stopping a local stack component failed', error);
        }
      }
    },
  };
}
