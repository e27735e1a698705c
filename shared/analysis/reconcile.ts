import * as m from '#shared/analysis/messages';
import { AnalysisTaskInput } from '#shared/analysis/task-input';
import { endAnalysisFailed } from '#shared/analysis/workflow';
import { requireStateMachineArn } from '#shared/config/env';
import type { StepFunctionsExecutionStatusChange } from '#shared/events/aws-events';
import { logger } from '#shared/observability';
import { endedRunInput, endedRunReason, isUnsuccessfulEnd } from '#shared/workflows/ended-runs';
import { CODE_ANALYSIS_MACHINE } from '#shared/workflows/state-machines';

const stateMachineArn = requireStateMachineArn(CODE_ANALYSIS_MACHINE);

/**
 * Makes sure an analysis whose execution ended without succeeding does not stay queued or
 * running: every path of the machine ends in Finish or Fail, but the Fail task can fail its
 * retries, an operator can stop the execution, the machine can time out. The analysis is then
 * failed (`ANALYSIS_ENDED`) with the execution's status and cause, and `Code Analysis Failed`
 * announced; an ended analysis is left alone. Safe to call again for the same execution.
 * Returns undefined for another machine's execution or a status that is not an unsuccessful end.
 */
export async function reconcileEndedAnalysis(
  execution: StepFunctionsExecutionStatusChange,
): Promise<{ status: string } | undefined> {
  if (execution.stateMachineArn !== stateMachineArn) {
    logger.info('Ignoring an execution of another state machine', { stateMachineArn: execution.stateMachineArn });
    return undefined;
  }
  if (!isUnsuccessfulEnd(execution.status)) return undefined;
  const input = endedRunInput(execution, AnalysisTaskInput, "an analysis's input");
  logger.appendKeys({ analysisId: input.analysisId, executionArn: execution.executionArn });
  const outcome = await endAnalysisFailed(input, {
    code: 'ANALYSIS_ENDED',
    message: m.analysisEnded({ reason: endedRunReason(execution) }),
  });
  logger.info('Reconciled an ended analysis execution', { executionStatus: execution.status, status: outcome.status });
  return outcome;
}
