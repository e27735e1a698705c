import { TEST_RUNS_ROUTES } from '#shared/api/routes/test-runs';
import { httpHandler } from '#shared/http/handler';
import { getTestRunForCaller } from '#shared/testing/runs/queries';

export const handler = httpHandler(TEST_RUNS_ROUTES.GetTestRun, async ({ auth, params, correlationId }) => ({
  body: await getTestRunForCaller(params.projectId, params.runId, { auth, correlationId }),
}));
