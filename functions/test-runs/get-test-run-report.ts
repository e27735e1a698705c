import { TEST_RUNS_ROUTES } from '#shared/api/routes/test-runs';
import { httpHandler } from '#shared/http/handler';
import { getRunReport } from '#shared/testing/reports/run-reports';

export const handler = httpHandler(
  TEST_RUNS_ROUTES.GetTestRunReport,
  async ({ auth, params, query, correlationId }) => ({
    body: await getRunReport(params.projectId, params.runId, query.format, { auth, correlationId }),
  }),
);
