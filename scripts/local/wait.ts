import { setTimeout as delay } from 'node:timers/promises';

/**
 * Retries `probe` until it resolves truthy or the deadline passes. Emulators are ready when
 * they answer, not after a guessed sleep; `abort` lets a caller stop early (e.g. the
 * emulator process exited) instead of waiting out the deadline.
 */
export async function waitUntil(
  description: string,
  probe: () => Promise<boolean>,
  options: { timeoutMs: number; intervalMs?: number; abort?: () => Error | undefined },
): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  let lastError: unknown;
  for (;;) {
    const aborted = options.abort?.();
    if (aborted) throw aborted;
    try {
      if (await probe()) return;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) {
      const reason = lastError instanceof Error ? `: ${lastError.message}` : '';
      throw new Error(`Timed out after ${options.timeoutMs} ms waiting for ${description}${reason}`);
    }
    await delay(options.intervalMs ?? 100);
  }
}
