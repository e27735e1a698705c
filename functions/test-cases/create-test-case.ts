import { CreateTestCase } from '#shared/api/routes/test-cases';
import { projectHandler } from '#shared/http/project-handler';
import { createTestCase } from '#shared/testing/cases/commands';

export const handler = projectHandler(CreateTestCase, async ({ project, params, body }) => {
  const testCase = await createTestCase(project, body);
  return {
    body: testCase,
    headers: {
      location: `/v1/projects/${params.projectId}/test-cases/${testCase.id}`,
      etag: `"${testCase.version}"`,
    },
  };
});
