import { ListTestCases } from '#shared/api/routes/test-cases';
import { projectHandler } from '#shared/http/project-handler';
import { listTestCasesForCaller } from '#shared/testing/cases/queries';

export const handler = projectHandler(ListTestCases, async ({ project, query }) => ({
  body: await listTestCasesForCaller(project, query),
}));
