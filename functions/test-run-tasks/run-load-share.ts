import { type CaseInput, type LoadShare, runLoadShare } from '#shared/testing/runs/case-execution';
import { taskHandler } from '#shared/workflows/task';

export const handler = taskHandler((input: CaseInput & { share: LoadShare }, context) =>
  runLoadShare(input, Date.now() + context.getRemainingTimeInMillis()),
);
