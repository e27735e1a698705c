import { requireStateMachineArn } from '#shared/config/env';
import type { StepFunctionsExecutionStatusChange } from '#shared/events/aws-events';
import { storedText } from '#shared/i18n/stored';
import { logger } from '#shared/observability';
import { endRunErrored } from '#shared/testing/runs/summary';
import { TestRunTaskInput } from '#shared/testing/runs/task-input';
import { endedRunInput, endedRunText, isUnsuccessfulEnd } from '#shared/workflows/ended-runs';
import { TEST_RUN_MACHINE } from '#shared/workflows/state-machines';

const stateMachineArn = requireStateMachineArn(TEST_RUN_MACHINE);

/**
 * Makes sure a test run whose execution ended without succeeding does not stay queued or
 * running. Every path of the machine ends in SummarizeRun or FailRun, but an execution can
 * still end without them: FailRun failing all its retries, an operator (or a cancelled
 * deployment) stopping it, the machine's timeout, a States.Runtime error. A run still queued
 * or running is then errored with the execution's status and cause, and `Test Run Failed`
 * announced; a finished run is left alone. Safe to call again for the same execution.
 *
 * Returns undefined for an execution of another state machine (the rule's pattern also
 * matches other stages' machines in the same account) or a status that is not an
 * unsuccessful end. Throws on anything else, so the event is retried and finally dead-lettered.
 */
export async function reconcileEndedTestRun(
  execution: StepFunctionsExecutionStatusChange,
): Promise<{ status: string } | undefined> {
  if (execution.stateMachineArn !== stateMachineArn) {
    logger.info('Ignoring a run of another state machine', { stateMachineArn: execution.stateMachineArn });
    return undefined;
  }
  if (!isUnsuccessfulEnd(execution.status)) {
    logger.info('Ignoring a run that did not end unsuccessfully', { status: execution.status });
    return undefined;
  }
  const input = endedRunInput(execution, TestRunTaskInput, "a test run's input");
  logger.appendKeys({ runId: input.runId, executionArn: execution.executionArn });
  const outcome = await endRunErrored(input, storedText(endedRunText(execution)));
  logger.info('Reconciled an ended test run execution', { runStatus: execution.status, status: outcome.status });
  return outcome;
}
