import { reconcileEndedRun } from '#shared/deployments/reconcile';
import { StepFunctionsExecutionStatusChange } from '#shared/events/aws-events';
import { awsEventHandler } from '#shared/events/consumer';

// Target of ReconcileDeploymentRun: a DeploymentPipeline execution ended FAILED, TIMED_OUT or
// ABORTED (the account's default bus). Errors propagate: retries, then the DLQ.
export const handler = awsEventHandler(StepFunctionsExecutionStatusChange, async (event) => {
  await reconcileEndedRun(event.detail);
});
