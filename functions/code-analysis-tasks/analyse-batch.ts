import { analyseBatch } from '#shared/analysis/pipeline/batch';
import type { AnalysisTaskInput } from '#shared/analysis/task-input';
import { taskHandler } from '#shared/workflows/task';

/** `batch`: the number of the batch object the Inventory wrote. */
export const handler = taskHandler((input: AnalysisTaskInput & { batch: number }) => analyseBatch(input));
