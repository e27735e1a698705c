import { GetTestSuite } from '#shared/api/routes/test-cases';
import { projectHandler } from '#shared/http/project-handler';
import { getTestSuiteForCaller } from '#shared/testing/cases/queries';

export const handler = projectHandler(GetTestSuite, async ({ project, params }) => {
  const suite = await getTestSuiteForCaller(project, params.suiteId);
  return { body: suite, headers: { etag: `"${suite.version}"` } };
});
