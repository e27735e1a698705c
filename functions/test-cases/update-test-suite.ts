import { UpdateTestSuite } from '#shared/api/routes/test-cases';
import { projectHandler } from '#shared/http/project-handler';
import { updateTestSuite } from '#shared/testing/cases/commands';

export const handler = projectHandler(UpdateTestSuite, async ({ project, params, body, headers }) => {
  const suite = await updateTestSuite(project, params.suiteId, body, headers['if-match']);
  return { body: suite, headers: { etag: `"${suite.version}"` } };
});
