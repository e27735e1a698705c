import type { RunInput } from '#shared/deployments/lifecycle';
import { checkHealth } from '#shared/deployments/run';
import { taskHandler } from '#shared/workflows/task';

export const handler = taskHandler((input: RunInput & { attempt?: number }) => checkHealth(input));
