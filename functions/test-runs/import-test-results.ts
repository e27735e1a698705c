import { TEST_RUNS_ROUTES } from '#shared/api/routes/test-runs';
import { httpHandler } from '#shared/http/handler';
import { idempotencyKeyOf } from '#shared/http/idempotency';
import { importTestResults } from '#shared/testing/imports/import';

export const handler = httpHandler(
  TEST_RUNS_ROUTES.ImportTestResults,
  async ({ auth, params, query, rawBody, headers, correlationId }) => {
    const { run, replayed } = await importTestResults(
      params.projectId,
      rawBody as string,
      query,
      idempotencyKeyOf(headers),
      { auth, correlationId },
    );
    return {
      body: run,
      headers: {
        location: `/v1/projects/${params.projectId}/test-runs/${run.id}`,
        ...(replayed ? { 'idempotent-replayed': 'true' } : {}),
      },
    };
  },
);
