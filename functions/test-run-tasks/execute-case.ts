import { type CaseInput, executeCase, recordCaseError } from '#shared/testing/runs/case-execution';
import type { StateError } from '#shared/workflows/state-error';
import { taskHandler } from '#shared/workflows/task';

/** With `error`, the state machine caught a failure of this case's task: the case is recorded errored. */
type ExecuteCaseInput = CaseInput & { error?: StateError };

export const handler = taskHandler((input: ExecuteCaseInput, context) =>
  input.error ? recordCaseError(input) : executeCase(input, Date.now() + context.getRemainingTimeInMillis()),
);
