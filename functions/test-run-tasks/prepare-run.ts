import type { RunInput } from '#shared/testing/runs/case-execution';
import { prepareRun } from '#shared/testing/runs/workflow';
import { taskHandler } from '#shared/workflows/task';

export const handler = taskHandler((input: RunInput) => prepareRun(input));
