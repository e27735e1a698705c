import type { DeploymentRunInput } from '#shared/deployments/lifecycle';
import { runWebhook } from '#shared/deployments/run';
import { taskHandler } from '#shared/workflows/task';

export const handler = taskHandler((input: DeploymentRunInput & { index: number }) => runWebhook(input));
