import { TEST_CASES_ROUTES } from '#shared/api/routes/test-cases';
import { httpHandler } from '#shared/http/handler';
import { getTestInsights } from '#shared/testing/cases/insights';

export const handler = httpHandler(
  TEST_CASES_ROUTES.GetTestInsights,
  async ({ auth, params, query, correlationId }) => ({
    body: await getTestInsights(params.projectId, query, { auth, correlationId }),
  }),
);
