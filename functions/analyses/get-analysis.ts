import { getAnalysisForCaller } from '#shared/analysis/queries';
import { GetAnalysis } from '#shared/api/routes/analyses';
import { projectHandler } from '#shared/http/project-handler';

export const handler = projectHandler(GetAnalysis, async ({ project, params }) => ({
  body: await getAnalysisForCaller(project, params.analysisId),
}));
