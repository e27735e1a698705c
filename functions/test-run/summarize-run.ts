import type { RunInput } from '#shared/tests/case-execution';
import { summarizeRun } from '#shared/tests/execution';
import { taskHandler } from '#shared/workflows/task';

export const handler = taskHandler((input: RunInput) => summarizeRun(input));
