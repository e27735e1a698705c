import { TEST_CASES_ROUTES } from '#shared/api/routes/test-cases';
import { projectHandler } from '#shared/http/project-handler';
import { getTestInsights } from '#shared/testing/cases/insights';

export const handler = projectHandler(TEST_CASES_ROUTES.GetTestInsights, async ({ project, query }) => ({
  body: await getTestInsights(project, query),
}));
