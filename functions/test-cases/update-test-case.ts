import { TEST_CASES_ROUTES } from '#shared/api/routes/test-cases';
import { httpHandler } from '#shared/http/handler';
import { updateTestCase } from '#shared/testing/cases/commands';

export const handler = httpHandler(
  TEST_CASES_ROUTES.UpdateTestCase,
  async ({ auth, params, body, headers, correlationId }) => {
    const testCase = await updateTestCase(params.projectId, params.caseId, body, headers['if-match'], {
      auth,
      correlationId,
    });
    return { body: testCase, headers: { etag: `"${testCase.version}"` } };
  },
);
