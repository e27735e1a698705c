import { UpdateTestCase } from '#shared/api/routes/test-cases';
import { projectHandler } from '#shared/http/project-handler';
import { updateTestCase } from '#shared/testing/cases/commands';

export const handler = projectHandler(UpdateTestCase, async ({ project, params, body, headers }) => {
  const testCase = await updateTestCase(project, params.caseId, body, headers['if-match']);
  return { body: testCase, headers: { etag: `"${testCase.version}"` } };
});
