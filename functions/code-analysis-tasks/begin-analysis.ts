import type { AnalysisTaskInput } from '#shared/analysis/task-input';
import { beginAnalysis } from '#shared/analysis/workflow';
import { taskHandler } from '#shared/workflows/task';

export const handler = taskHandler((input: AnalysisTaskInput) => beginAnalysis(input));
