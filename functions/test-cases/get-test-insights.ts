import { GetTestInsights } from '#shared/api/routes/test-cases';
import { projectHandler } from '#shared/http/project-handler';
import { getTestInsights } from '#shared/testing/cases/insights';

export const handler = projectHandler(GetTestInsights, async ({ project, query }) => ({
  body: await getTestInsights(project, query),
}));
