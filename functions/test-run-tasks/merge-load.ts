import { type CaseInput, mergeLoad, type ShareOutcome } from '#shared/testing/runs/case-execution';
import { taskHandler } from '#shared/workflows/task';

export const handler = taskHandler((input: CaseInput & { shares: ShareOutcome[] }) => mergeLoad(input));
