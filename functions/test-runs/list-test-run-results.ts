import { TEST_RUNS_ROUTES } from '#shared/api/routes/test-runs';
import { httpHandler } from '#shared/http/handler';
import { listTestRunResultsForCaller } from '#shared/testing/runs/queries';

export const handler = httpHandler(
  TEST_RUNS_ROUTES.ListTestRunResults,
  async ({ auth, params, query, correlationId }) => ({
    body: await listTestRunResultsForCaller(params.projectId, params.runId, query, { auth, correlationId }),
  }),
);
