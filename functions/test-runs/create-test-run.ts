import { TEST_RUNS_ROUTES } from '#shared/api/routes/test-runs';
import { httpHandler } from '#shared/http/handler';
import { acceptedResult, idempotencyKeyOf } from '#shared/http/idempotency';
import { createTestRun } from '#shared/testing/runs/commands';

export const handler = httpHandler(
  TEST_RUNS_ROUTES.CreateTestRun,
  async ({ auth, params, body, headers, correlationId }) => {
    const accepted = await createTestRun(params.projectId, body, idempotencyKeyOf(headers), { auth, correlationId });
    return acceptedResult(accepted, `/v1/projects/${params.projectId}/test-runs/${accepted.id}`);
  },
);
