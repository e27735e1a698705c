import type { DeploymentRunInput } from '#shared/deployments/lifecycle';
import { checkTestGate } from '#shared/deployments/test-stage';
import { taskHandler } from '#shared/workflows/task';

export const handler = taskHandler((input: DeploymentRunInput & { index: number; runId: string }) =>
  checkTestGate(input),
);
