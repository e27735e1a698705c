import { StepFunctionsExecutionStatusChange } from '#shared/events/aws-events';
import { awsEventHandler } from '#shared/events/consumer';
import { reconcileEndedTestRun } from '#shared/testing/runs/reconcile';

// Target of ReconcileTestRun: a TestRun execution ended FAILED, TIMED_OUT or ABORTED (the
// account's default bus). Errors propagate: retries, then the DLQ.
export const handler = awsEventHandler(StepFunctionsExecutionStatusChange, async (event) => {
  await reconcileEndedTestRun(event.detail);
});
