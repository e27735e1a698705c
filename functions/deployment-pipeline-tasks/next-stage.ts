import type { DeploymentRunInput } from '#shared/deployments/lifecycle';
import { nextStage } from '#shared/deployments/run';
import { taskHandler } from '#shared/workflows/task';

export const handler = taskHandler((input: DeploymentRunInput) => nextStage(input));
