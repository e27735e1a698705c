import { TEST_RUNS_ROUTES } from '#shared/api/routes/test-runs';
import { httpHandler } from '#shared/http/handler';
import { listTestRunsForCaller } from '#shared/testing/runs/queries';

export const handler = httpHandler(TEST_RUNS_ROUTES.ListTestRuns, async ({ auth, params, query, correlationId }) => ({
  body: await listTestRunsForCaller(params.projectId, query, { auth, correlationId }),
}));
