import { TEST_CASES_ROUTES } from '#shared/api/routes/test-cases';
import { httpHandler } from '#shared/http/handler';
import { deleteTestSuite } from '#shared/testing/cases/commands';

export const handler = httpHandler(TEST_CASES_ROUTES.DeleteTestSuite, async ({ auth, params, correlationId }) => {
  await deleteTestSuite(params.projectId, params.suiteId, { auth, correlationId });
  return {};
});
