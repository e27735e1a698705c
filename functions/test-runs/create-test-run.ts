import { TEST_RUNS_ROUTES } from '#shared/api/routes/test-runs';
import { ValidationError } from '#shared/http/errors';
import { httpHandler } from '#shared/http/handler';
import { createTestRun } from '#shared/tests/run-commands';

const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{1,128}$/;

export const handler = httpHandler(
  TEST_RUNS_ROUTES.CreateTestRun,
  async ({ auth, params, body, headers, correlationId }) => {
    const key = headers['idempotency-key'];
    if (key !== undefined && !IDEMPOTENCY_KEY.test(key)) {
      throw new ValidationError([
        { path: 'header.idempotency-key', message: 'must be 1-128 letters, digits or . _ : -' },
      ]);
    }
    const accepted = await createTestRun(params.projectId, body, key, { auth, correlationId });
    return {
      body: { id: accepted.id, status: accepted.status },
      headers: {
        location: `/v1/projects/${params.projectId}/test-runs/${accepted.id}`,
        ...(accepted.replayed ? { 'idempotent-replayed': 'true' } : {}),
      },
    };
  },
);
