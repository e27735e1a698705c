import { getAnalysisTrendForCaller } from '#shared/analysis/queries';
import { GetAnalysisTrend } from '#shared/api/routes/analyses';
import { projectHandler } from '#shared/http/project-handler';

export const handler = projectHandler(GetAnalysisTrend, async ({ project, query }) => ({
  body: await getAnalysisTrendForCaller(project, query),
}));
