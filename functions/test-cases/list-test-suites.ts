import { TEST_CASES_ROUTES } from '#shared/api/routes/test-cases';
import { httpHandler } from '#shared/http/handler';
import { listTestSuitesForCaller } from '#shared/testing/cases/queries';

export const handler = httpHandler(
  TEST_CASES_ROUTES.ListTestSuites,
  async ({ auth, params, query, correlationId }) => ({
    body: await listTestSuitesForCaller(params.projectId, query, { auth, correlationId }),
  }),
);
