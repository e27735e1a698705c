import { TEST_RUNS_ROUTES } from '#shared/api/routes/test-runs';
import { projectHandler } from '#shared/http/project-handler';
import { getRunReport } from '#shared/testing/reports/run-reports';

export const handler = projectHandler(TEST_RUNS_ROUTES.GetTestRunReport, async ({ project, params, query }) => ({
  body: await getRunReport(project, params.runId, query.format),
}));
