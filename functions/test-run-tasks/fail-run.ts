import type { RunInput } from '#shared/testing/runs/case-execution';
import { failRun } from '#shared/testing/runs/workflow';
import { taskHandler } from '#shared/workflows/task';

/** `error`: what the state machine caught (`ResultPath: $.error`). */
export const handler = taskHandler((input: RunInput & { error?: { Error?: string; Cause?: string } }) =>
  failRun(input),
);
