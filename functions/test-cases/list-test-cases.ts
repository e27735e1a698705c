import { TEST_CASES_ROUTES } from '#shared/api/routes/test-cases';
import { projectHandler } from '#shared/http/project-handler';
import { listTestCasesForCaller } from '#shared/testing/cases/queries';

export const handler = projectHandler(TEST_CASES_ROUTES.ListTestCases, async ({ project, query }) => ({
  body: await listTestCasesForCaller(project, query),
}));
