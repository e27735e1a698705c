import { TEST_CASES_ROUTES } from '#shared/api/routes/test-cases';
import { projectHandler } from '#shared/http/project-handler';
import { getTestCaseForCaller } from '#shared/testing/cases/queries';

export const handler = projectHandler(TEST_CASES_ROUTES.GetTestCase, async ({ project, params }) => {
  const testCase = await getTestCaseForCaller(project, params.caseId);
  return { body: testCase, headers: { etag: `"${testCase.version}"` } };
});
