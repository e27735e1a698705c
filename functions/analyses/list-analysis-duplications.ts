import { listDuplicationsForCaller } from '#shared/analysis/result-queries';
import { ListAnalysisDuplications } from '#shared/api/routes/analyses';
import { projectHandler } from '#shared/http/project-handler';

export const handler = projectHandler(ListAnalysisDuplications, async ({ project, params, query }) => ({
  body: await listDuplicationsForCaller(project, params.analysisId, query),
}));
