import type { RunInput } from '#shared/tests/case-execution';
import { failRun } from '#shared/tests/execution';
import { taskHandler } from '#shared/workflows/task';

/** `error`: what the state machine caught (`ResultPath: $.error`). */
export const handler = taskHandler((input: RunInput & { error?: { Error?: string; Cause?: string } }) =>
  failRun(input),
);
