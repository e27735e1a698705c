import { TEST_CASES_ROUTES } from '#shared/api/routes/test-cases';
import { httpHandler } from '#shared/http/handler';
import { createTestCase } from '#shared/testing/cases/commands';

export const handler = httpHandler(TEST_CASES_ROUTES.CreateTestCase, async ({ auth, params, body, correlationId }) => {
  const testCase = await createTestCase(params.projectId, body, { auth, correlationId });
  return {
    body: testCase,
    headers: {
      location: `/v1/projects/${params.projectId}/test-cases/${testCase.id}`,
      etag: `"${testCase.version}"`,
    },
  };
});
