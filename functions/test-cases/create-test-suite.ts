import { TEST_CASES_ROUTES } from '#shared/api/routes/test-cases';
import { httpHandler } from '#shared/http/handler';
import { createTestSuite } from '#shared/testing/cases/commands';

export const handler = httpHandler(TEST_CASES_ROUTES.CreateTestSuite, async ({ auth, params, body, correlationId }) => {
  const suite = await createTestSuite(params.projectId, body, { auth, correlationId });
  return {
    body: suite,
    headers: { location: `/v1/projects/${params.projectId}/test-suites/${suite.id}`, etag: `"${suite.version}"` },
  };
});
