import { type CaseInput, mergeLoad, type ShareOutcome } from '#shared/tests/case-execution';
import { taskHandler } from '#shared/workflows/task';

export const handler = taskHandler((input: CaseInput & { shares: ShareOutcome[] }) => mergeLoad(input));
