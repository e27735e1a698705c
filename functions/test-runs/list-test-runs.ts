import { TEST_RUNS_ROUTES } from '#shared/api/routes/test-runs';
import { projectHandler } from '#shared/http/project-handler';
import { listTestRunsForCaller } from '#shared/testing/runs/queries';

export const handler = projectHandler(TEST_RUNS_ROUTES.ListTestRuns, async ({ project, query }) => ({
  body: await listTestRunsForCaller(project, query),
}));
