import { GetTestCase } from '#shared/api/routes/test-cases';
import { projectHandler } from '#shared/http/project-handler';
import { getTestCaseForCaller } from '#shared/testing/cases/queries';

export const handler = projectHandler(GetTestCase, async ({ project, params }) => {
  const testCase = await getTestCaseForCaller(project, params.caseId);
  return { body: testCase, headers: { etag: `"${testCase.version}"` } };
});
