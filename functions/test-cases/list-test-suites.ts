import { ListTestSuites } from '#shared/api/routes/test-cases';
import { projectHandler } from '#shared/http/project-handler';
import { listTestSuitesForCaller } from '#shared/testing/cases/queries';

export const handler = projectHandler(ListTestSuites, async ({ project, query }) => ({
  body: await listTestSuitesForCaller(project, query),
}));
