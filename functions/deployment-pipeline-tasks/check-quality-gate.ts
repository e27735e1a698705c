import type { DeploymentRunInput } from '#shared/deployments/lifecycle';
import { checkQualityGate } from '#shared/deployments/quality-gate-stage';
import { taskHandler } from '#shared/workflows/task';

export const handler = taskHandler((input: DeploymentRunInput & { index: number }) => checkQualityGate(input));
