import { startCallbackWait } from '#shared/deployments/callback-wait';
import type { DeploymentRunInput } from '#shared/deployments/lifecycle';
import { taskHandler } from '#shared/workflows/task';

export const handler = taskHandler((input: DeploymentRunInput & { index: number; taskToken: string }) =>
  startCallbackWait(input),
);
