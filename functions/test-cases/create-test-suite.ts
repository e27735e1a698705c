import { CreateTestSuite } from '#shared/api/routes/test-cases';
import { projectHandler } from '#shared/http/project-handler';
import { createTestSuite } from '#shared/testing/cases/commands';

export const handler = projectHandler(CreateTestSuite, async ({ project, params, body }) => {
  const suite = await createTestSuite(project, body);
  return {
    body: suite,
    headers: { location: `/v1/projects/${params.projectId}/test-suites/${suite.id}`, etag: `"${suite.version}"` },
  };
});
