import { isDeploymentPipeline } from '#shared/deployments/executions';
import { finishDeployment } from '#shared/deployments/finish';
import { DeploymentRunInput } from '#shared/deployments/lifecycle';
import type { DeploymentRecord } from '#shared/deployments/repository';
import type { StepFunctionsExecutionStatusChange } from '#shared/events/aws-events';
import { storedText } from '#shared/i18n/stored';
import { logger } from '#shared/observability';
import { endedRunInput, endedRunText, isUnsuccessfulEnd } from '#shared/workflows/ended-runs';

/**
 * Makes sure a deployment whose run ended without succeeding is finished and its environment
 * free. Every path of the pipeline ends in its Finish task, but a run can still end without
 * it: the task failing all its retries, an operator stopping the execution, a States.Runtime
 * error. The deployment is then failed with the run's reason; one that is already finished
 * (the normal case: a recorded failure, a cancel) only gets its lock released if it still
 * holds it, and the next queued deployment is started. Safe to call again for the same run.
 *
 * Returns undefined for a run of another state machine (the rule's pattern also matches the
 * pipeline of other stages in the same account) or a status that is not an unsuccessful end.
 * Throws on anything else, so the event is retried and finally dead-lettered.
 */
export async function reconcileEndedRun(
  execution: StepFunctionsExecutionStatusChange,
): Promise<DeploymentRecord | undefined> {
  if (!isDeploymentPipeline(execution.stateMachineArn)) {
    logger.info('Ignoring a run of another state machine', { stateMachineArn: execution.stateMachineArn });
    return undefined;
  }
  if (!isUnsuccessfulEnd(execution.status)) {
    logger.info('Ignoring a run that did not end unsuccessfully', { status: execution.status });
    return undefined;
  }
  const input = endedRunInput(execution, DeploymentRunInput, "a deployment run's input");
  logger.appendKeys({ deploymentId: input.deploymentId, executionArn: execution.executionArn });
  const deployment = await finishDeployment(input, 'failed', storedText(endedRunText(execution)));
  logger.info('Reconciled an ended deployment run', { runStatus: execution.status, status: deployment.status });
  return deployment;
}
