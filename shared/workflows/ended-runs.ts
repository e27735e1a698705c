import type * as z from 'zod/mini';
import type { StepFunctionsExecutionStatusChange } from '#shared/events/aws-events';
import { UNSUCCESSFUL_EXECUTION_STATUSES } from '#shared/events/rules';
import { formatText, type LocalizedText } from '#shared/i18n/catalogue';
import * as m from '#shared/workflows/messages';
import { causeMessage } from '#shared/workflows/state-error';

// What the reconcilers of state machine runs (ReconcileDeploymentRun, ReconcileTestRun) read
// from a `Step Functions Execution Status Change` event: whether the run ended unsuccessfully,
// why, and the input it was started with.

/** Whether a status is an end without success (FAILED, TIMED_OUT, ABORTED). */
export function isUnsuccessfulEnd(status: string): boolean {
  return (UNSUCCESSFUL_EXECUTION_STATUSES as readonly string[]).includes(status);
}

type EndedExecution = Pick<StepFunctionsExecutionStatusChange, 'status' | 'error' | 'cause'>;

/** Why the run ended, as a message to store: `the run ended aborted`, `… timed out: States.Timeout: …`. */
export function endedRunText(execution: EndedExecution): LocalizedText {
  const why = [execution.error, execution.cause ? causeMessage(execution.cause) : undefined]
    .filter((part): part is string => typeof part === 'string' && part !== '')
    .join(': ');
  const { status } = execution;
  return why === '' ? m.runEnded({ status }) : m.runEndedBecause({ status, why: why.slice(0, 1000) });
}

/** The same reason in English words, within 1,000 characters (for records that keep plain text). */
export function endedRunReason(execution: EndedExecution): string {
  return formatText(endedRunText(execution), 'en').slice(0, 1000);
}

/**
 * The input the run was started with, checked against `schema` (`what` names it in the error).
 * Throws when the event carries none (too large to include) or another shape, so the event is
 * retried and finally dead-lettered rather than dropped.
 */
export function endedRunInput<T>(
  execution: Pick<StepFunctionsExecutionStatusChange, 'executionArn' | 'input'>,
  schema: z.ZodMiniType<T>,
  what: string,
): T {
  if (typeof execution.input !== 'string') {
    throw new Error(`The event of ${execution.executionArn} does not include the run's input`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(execution.input);
  } catch {
    throw new Error(`The input of ${execution.executionArn} is not JSON`);
  }
  const result = schema.safeParse(parsed);
  if (!result.success) {
    throw new Error(`The input of ${execution.executionArn} is not ${what}: ${result.error.message}`);
  }
  return result.data;
}
