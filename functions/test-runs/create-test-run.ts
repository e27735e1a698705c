import { CreateTestRun } from '#shared/api/routes/test-runs';
import { acceptedResult } from '#shared/http/idempotency';
import { projectHandler } from '#shared/http/project-handler';
import { createTestRun } from '#shared/testing/runs/commands';

export const handler = projectHandler(CreateTestRun, async ({ project, params, body, idempotencyKey }) => {
  const accepted = await createTestRun(project, body, idempotencyKey);
  return acceptedResult(accepted, `/v1/projects/${params.projectId}/test-runs/${accepted.id}`);
});
