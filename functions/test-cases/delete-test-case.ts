import { TEST_CASES_ROUTES } from '#shared/api/routes/test-cases';
import { projectHandler } from '#shared/http/project-handler';
import { deleteTestCase } from '#shared/testing/cases/commands';

export const handler = projectHandler(TEST_CASES_ROUTES.DeleteTestCase, async ({ project, params }) => {
  await deleteTestCase(project, params.caseId);
  return {};
});
