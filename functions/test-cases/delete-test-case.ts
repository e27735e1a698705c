import { TEST_CASES_ROUTES } from '#shared/api/routes/test-cases';
import { httpHandler } from '#shared/http/handler';
import { deleteTestCase } from '#shared/testing/cases/commands';

export const handler = httpHandler(TEST_CASES_ROUTES.DeleteTestCase, async ({ auth, params, correlationId }) => {
  await deleteTestCase(params.projectId, params.caseId, { auth, correlationId });
  return {};
});
