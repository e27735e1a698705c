import { ListTestRuns } from '#shared/api/routes/test-runs';
import { projectHandler } from '#shared/http/project-handler';
import { listTestRunsForCaller } from '#shared/testing/runs/queries';

export const handler = projectHandler(ListTestRuns, async ({ project, query }) => ({
  body: await listTestRunsForCaller(project, query),
}));
