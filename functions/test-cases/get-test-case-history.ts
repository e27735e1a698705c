import { TEST_CASES_ROUTES } from '#shared/api/routes/test-cases';
import { projectHandler } from '#shared/http/project-handler';
import { getCaseHistory } from '#shared/testing/cases/queries';

export const handler = projectHandler(TEST_CASES_ROUTES.GetTestCaseHistory, async ({ project, params, query }) => ({
  body: await getCaseHistory(project, params.caseId, query),
}));
