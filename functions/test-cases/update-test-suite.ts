import { TEST_CASES_ROUTES } from '#shared/api/routes/test-cases';
import { httpHandler } from '#shared/http/handler';
import { updateTestSuite } from '#shared/testing/cases/commands';

export const handler = httpHandler(
  TEST_CASES_ROUTES.UpdateTestSuite,
  async ({ auth, params, body, headers, correlationId }) => {
    const suite = await updateTestSuite(params.projectId, params.suiteId, body, headers['if-match'], {
      auth,
      correlationId,
    });
    return { body: suite, headers: { etag: `"${suite.version}"` } };
  },
);
