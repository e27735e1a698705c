import { evaluateGateStep } from '#shared/analysis/pipeline/gate';
import type { AnalysisTaskInput } from '#shared/analysis/task-input';
import { taskHandler } from '#shared/workflows/task';

export const handler = taskHandler((input: AnalysisTaskInput) => evaluateGateStep(input));
