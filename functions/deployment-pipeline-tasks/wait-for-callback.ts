import { startCallbackWait } from '#shared/deployments/callback-wait';
import type { RunInput } from '#shared/deployments/lifecycle';
import { taskHandler } from '#shared/workflows/task';

export const handler = taskHandler((input: RunInput & { index: number; taskToken: string }) =>
  startCallbackWait(input),
);
