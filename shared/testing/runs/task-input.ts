import * as z from 'zod/mini';

/**
 * What a test run's execution (the TestRun machine) is started with, by `startTestRunExecution`
 * and by the deployment pipeline's RunTests state (which adds the parent's execution id), and
 * what it passes to every task; the reconciler checks an ended run's input against it.
 */
export const TestRunTaskInput = z.object({
  projectId: z.string().check(z.minLength(1)),
  runId: z.string().check(z.minLength(1)),
});
export type TestRunTaskInput = z.infer<typeof TestRunTaskInput>;
