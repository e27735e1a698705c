import { type CaseInput, planLoad } from '#shared/testing/runs/case-execution';
import { taskHandler } from '#shared/workflows/task';

export const handler = taskHandler((input: CaseInput) => planLoad(input));
