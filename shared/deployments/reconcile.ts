import * as z from 'zod/mini';
import { isDeploymentPipeline } from '#shared/deployments/executions';
import { causeMessage } from '#shared/deployments/failure';
import { finishDeployment } from '#shared/deployments/finish';
import type { RunInput } from '#shared/deployments/lifecycle';
import type { DeploymentRecord } from '#shared/deployments/repository';
import type { StepFunctionsExecutionStatusChange } from '#shared/events/aws-events';
import { UNSUCCESSFUL_EXECUTION_STATUSES } from '#shared/events/rules';
import { logger } from '#shared/observability';

/** What `startDeploymentExecution` passes to every run. */
const RunInputSchema = z.object({
  projectId: z.string().check(z.minLength(1)),
  deploymentId: z.string().check(z.minLength(1)),
});

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
  if (!(UNSUCCESSFUL_EXECUTION_STATUSES as readonly string[]).includes(execution.status)) {
    logger.info('Ignoring a run that did not end unsuccessfully', { status: execution.status });
    return undefined;
  }
  const input = runInputOf(execution);
  logger.appendKeys({ deploymentId: input.deploymentId, executionArn: execution.executionArn });
  const deployment = await finishDeployment(input, 'failed', endedRunReason(execution));
  logger.info('Reconciled an ended deployment run', { runStatus: execution.status, status: deployment.status });
  return deployment;
}

/** `the run ended aborted`, `the run ended timed out: States.Timeout: …`, within 1,000 characters. */
export function endedRunReason(
  execution: Pick<StepFunctionsExecutionStatusChange, 'status' | 'error' | 'cause'>,
): string {
  const ended = `the run ended ${execution.status.toLowerCase().replaceAll('_', ' ')}`;
  const why = [execution.error, execution.cause ? causeMessage(execution.cause) : undefined]
    .filter((part): part is string => typeof part === 'string' && part !== '')
    .join(': ');
  return (why === '' ? ended : `${ended}: ${why}`).slice(0, 1000);
}

function runInputOf(execution: StepFunctionsExecutionStatusChange): RunInput {
  if (typeof execution.input !== 'string') {
    throw new Error(`The event of ${execution.executionArn} does not include the run's input`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(execution.input);
  } catch {
    throw new Error(`The input of ${execution.executionArn} is not JSON`);
  }
  const result = RunInputSchema.safeParse(parsed);
  if (!result.success) {
    throw new Error(`The input of ${execution.executionArn} is not a deployment run's input: ${result.error.message}`);
  }
  return { projectId: result.data.projectId, deploymentId: result.data.deploymentId };
}
