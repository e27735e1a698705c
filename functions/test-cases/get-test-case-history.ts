import { TEST_CASES_ROUTES } from '#shared/api/routes/test-cases';
import { httpHandler } from '#shared/http/handler';
import { getCaseHistory } from '#shared/testing/cases/queries';

export const handler = httpHandler(
  TEST_CASES_ROUTES.GetTestCaseHistory,
  async ({ auth, params, query, correlationId }) => ({
    body: await getCaseHistory(params.projectId, params.caseId, query, { auth, correlationId }),
  }),
);
