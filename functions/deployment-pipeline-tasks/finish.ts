import { failureReason, type StateError } from '#shared/deployments/failure';
import { finishDeployment } from '#shared/deployments/finish';
import type { DeploymentRunInput } from '#shared/deployments/lifecycle';
import type { Outcome } from '#shared/deployments/outcome-rules';
import { taskHandler } from '#shared/workflows/task';

interface FinishInput extends DeploymentRunInput {
  outcome: Outcome;
  /** The state machine's caught error, for failures. */
  error?: StateError;
  reason?: string;
  restoredVersion?: string;
}

export const handler = taskHandler(async (input: FinishInput) => {
  const reason = input.reason ?? (input.error ? failureReason(input.error) : undefined);
  const deployment = await finishDeployment(input, input.outcome, reason, { restoredVersion: input.restoredVersion });
  return { status: deployment.status };
});
