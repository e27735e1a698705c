import { GetTestRun } from '#shared/api/routes/test-runs';
import { projectHandler } from '#shared/http/project-handler';
import { getTestRunForCaller } from '#shared/testing/runs/queries';

export const handler = projectHandler(GetTestRun, async ({ project, params }) => ({
  body: await getTestRunForCaller(project, params.runId),
}));
