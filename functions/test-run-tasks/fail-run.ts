import type { TestRunTaskInput } from '#shared/testing/runs/task-input';
import { failRun } from '#shared/testing/runs/workflow';
import { taskHandler } from '#shared/workflows/task';

/** `error`: what the state machine caught (`ResultPath: $.error`). */
export const handler = taskHandler((input: TestRunTaskInput & { error?: { Error?: string; Cause?: string } }) =>
  failRun(input),
);
