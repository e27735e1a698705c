import { DeleteTestCase } from '#shared/api/routes/test-cases';
import { projectHandler } from '#shared/http/project-handler';
import { deleteTestCase } from '#shared/testing/cases/commands';

export const handler = projectHandler(DeleteTestCase, async ({ project, params }) => {
  await deleteTestCase(project, params.caseId);
  return {};
});
