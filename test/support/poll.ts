import { setTimeout as delay } from 'node:timers/promises';

export interface PollOptions {
  /** Give up after this long (default 10 s). */
  timeoutMs?: number;
  /** Pause between attempts (default 100 ms). */
  intervalMs?: number;
  /** Names what was awaited, in the timeout error. */
  description?: string;
}

/**
 * Polls `produce` until its value satisfies `until` (default: any value but undefined,
 * null or false) or the deadline passes, and returns that value. For async outcomes
 * (events, deliveries, process exits): a deadline, never a fixed sleep. An attempt that
 * throws (e.g. an `expect` inside `produce`) counts as "not yet"; after the deadline the
 * last error is rethrown, so the failure says what was still wrong.
 */
export async function pollUntil<T>(
  produce: () => T | Promise<T>,
  untilOrOptions?: ((value: T) => boolean) | PollOptions,
  maybeOptions: PollOptions = {},
): Promise<T> {
  const until =
    typeof untilOrOptions === 'function'
      ? untilOrOptions
      : (value: T) => value !== undefined && value !== null && value !== false;
  const options = typeof untilOrOptions === 'object' ? untilOrOptions : maybeOptions;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  let lastValue: T | undefined;
  for (;;) {
    try {
      lastValue = await produce();
      if (until(lastValue)) return lastValue;
      lastError = undefined;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) {
      if (lastError) throw lastError;
      const what = options.description ?? 'the condition';
      throw new Error(
        `Timed out after ${timeoutMs} ms waiting for ${what}; last value: ${JSON.stringify(lastValue)?.slice(0, 500)}`,
      );
    }
    await delay(options.intervalMs ?? 100);
  }
}
