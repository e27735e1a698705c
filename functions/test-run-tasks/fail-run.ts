import type { RunInput } from '#shared/testing/runs/case-execution';
import { failRun } from '#shared/testing/runs/workflow';
import type { StateError } from '#shared/workflows/state-error';
import { taskHandler } from '#shared/workflows/task';

/** `error`: what the state machine caught (`ResultPath: $.error`). */
export const handler = taskHandler((input: RunInput & { error?: StateError }) => failRun(input));
