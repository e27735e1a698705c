import { TEST_CASES_ROUTES } from '#shared/api/routes/test-cases';
import { httpHandler } from '#shared/http/handler';
import { getTestSuiteForCaller } from '#shared/testing/cases/queries';

export const handler = httpHandler(TEST_CASES_ROUTES.GetTestSuite, async ({ auth, params, correlationId }) => {
  const suite = await getTestSuiteForCaller(params.projectId, params.suiteId, { auth, correlationId });
  return { body: suite, headers: { etag: `"${suite.version}"` } };
});
