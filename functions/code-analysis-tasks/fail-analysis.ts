import type { StoredFailure } from '#shared/analysis/repository';
import type { AnalysisTaskInput } from '#shared/analysis/task-input';
import { failAnalysis } from '#shared/analysis/workflow';
import type { StateError } from '#shared/workflows/state-error';
import { taskHandler } from '#shared/workflows/task';

/** `refusal`: a refused snapshot's own failure; `error`: what the state machine caught (`ResultPath: $.error`). */
export const handler = taskHandler((input: AnalysisTaskInput & { refusal?: StoredFailure; error?: StateError }) =>
  failAnalysis(input),
);
