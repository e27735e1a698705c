import { type CaseInput, executeCase, recordCaseError } from '#shared/testing/runs/case-execution';
import { taskHandler } from '#shared/workflows/task';

/** With `error`, the state machine caught a failure of this case's task: the case is recorded errored. */
type ExecuteCaseInput = CaseInput & { error?: { Error?: string; Cause?: string } };

export const handler = taskHandler((input: ExecuteCaseInput, context) =>
  input.error ? recordCaseError(input) : executeCase(input, Date.now() + context.getRemainingTimeInMillis()),
);
