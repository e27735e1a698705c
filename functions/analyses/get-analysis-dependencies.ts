import { getDependenciesForCaller } from '#shared/analysis/result-queries';
import { GetAnalysisDependencies } from '#shared/api/routes/analyses';
import { projectHandler } from '#shared/http/project-handler';

export const handler = projectHandler(GetAnalysisDependencies, async ({ project, params, query }) => ({
  body: await getDependenciesForCaller(project, params.analysisId, query.format),
}));
