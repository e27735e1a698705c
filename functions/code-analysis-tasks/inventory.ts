import { runInventory } from '#shared/analysis/pipeline/inventory';
import type { AnalysisTaskInput } from '#shared/analysis/task-input';
import { taskHandler } from '#shared/workflows/task';

export const handler = taskHandler((input: AnalysisTaskInput) => runInventory(input));
