import { TEST_CASES_ROUTES } from '#shared/api/routes/test-cases';
import { httpHandler } from '#shared/http/handler';
import { getTestCaseForCaller } from '#shared/testing/cases/queries';

export const handler = httpHandler(TEST_CASES_ROUTES.GetTestCase, async ({ auth, params, correlationId }) => {
  const testCase = await getTestCaseForCaller(params.projectId, params.caseId, { auth, correlationId });
  return { body: testCase, headers: { etag: `"${testCase.version}"` } };
});
