import { GetTestCaseHistory } from '#shared/api/routes/test-cases';
import { projectHandler } from '#shared/http/project-handler';
import { getCaseHistory } from '#shared/testing/cases/queries';

export const handler = projectHandler(GetTestCaseHistory, async ({ project, params, query }) => ({
  body: await getCaseHistory(project, params.caseId, query),
}));
