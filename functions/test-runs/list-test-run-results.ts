import { ListTestRunResults } from '#shared/api/routes/test-runs';
import { projectHandler } from '#shared/http/project-handler';
import { listTestRunResultsForCaller } from '#shared/testing/runs/queries';

export const handler = projectHandler(ListTestRunResults, async ({ project, params, query }) => ({
  body: await listTestRunResultsForCaller(project, params.runId, query),
}));
