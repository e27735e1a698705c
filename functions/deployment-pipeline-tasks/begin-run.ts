import type { DeploymentRunInput } from '#shared/deployments/lifecycle';
import { beginRun } from '#shared/deployments/run';
import { taskHandler } from '#shared/workflows/task';

export const handler = taskHandler((input: DeploymentRunInput) => beginRun(input));
