import { TEST_CASES_ROUTES } from '#shared/api/routes/test-cases';
import { httpHandler } from '#shared/http/handler';
import { listTestCasesForCaller } from '#shared/testing/cases/queries';

export const handler = httpHandler(TEST_CASES_ROUTES.ListTestCases, async ({ auth, params, query, correlationId }) => ({
  body: await listTestCasesForCaller(params.projectId, query, { auth, correlationId }),
}));
