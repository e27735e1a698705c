import { reconcileEndedAnalysis } from '#shared/analysis/reconcile';
import { StepFunctionsExecutionStatusChange } from '#shared/events/aws-events';
import { awsEventHandler } from '#shared/events/consumer';

// Target of ReconcileCodeAnalysis: a CodeAnalysis execution ended FAILED, TIMED_OUT or ABORTED
// (the account's default bus). Errors propagate: retries, then the DLQ.
export const handler = awsEventHandler(StepFunctionsExecutionStatusChange, async (event) => {
  await reconcileEndedAnalysis(event.detail);
});
