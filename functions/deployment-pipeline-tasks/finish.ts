import { finishDeployment, type Outcome } from '#shared/deployments/finish';
import type { RunInput } from '#shared/deployments/lifecycle';
import { type StateError, stageFailureReason } from '#shared/workflows/state-error';
import { taskHandler } from '#shared/workflows/task';

interface FinishInput extends RunInput {
  outcome: Outcome;
  /** The state machine's caught error, for failures. */
  error?: StateError;
  reason?: string;
  restoredVersion?: string;
}

export const handler = taskHandler(async (input: FinishInput) => {
  const reason = input.reason ?? (input.error ? stageFailureReason(input.error) : undefined);
  const deployment = await finishDeployment(input, input.outcome, reason, { restoredVersion: input.restoredVersion });
  return { status: deployment.status };
});
