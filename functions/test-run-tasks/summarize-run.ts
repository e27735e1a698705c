import type { TestRunTaskInput } from '#shared/testing/runs/task-input';
import { summarizeRun } from '#shared/testing/runs/workflow';
import { taskHandler } from '#shared/workflows/task';

export const handler = taskHandler((input: TestRunTaskInput) => summarizeRun(input));
