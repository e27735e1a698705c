import { DeleteTestSuite } from '#shared/api/routes/test-cases';
import { projectHandler } from '#shared/http/project-handler';
import { deleteTestSuite } from '#shared/testing/cases/commands';

export const handler = projectHandler(DeleteTestSuite, async ({ project, params }) => {
  await deleteTestSuite(project, params.suiteId);
  return {};
});
