import { mergeAnalysis } from '#shared/analysis/pipeline/merge';
import type { AnalysisTaskInput } from '#shared/analysis/task-input';
import { taskHandler } from '#shared/workflows/task';

/** `batches`: every batch the Inventory wrote. */
export const handler = taskHandler((input: AnalysisTaskInput & { batches: number[] }) => mergeAnalysis(input));
