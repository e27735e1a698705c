import type { DeploymentRunInput } from '#shared/deployments/lifecycle';
import { startApprovalWait } from '#shared/deployments/run';
import { taskHandler } from '#shared/workflows/task';

export const handler = taskHandler((input: DeploymentRunInput & { index: number; taskToken: string }) =>
  startApprovalWait(input),
);
