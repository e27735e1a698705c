import { ImportTestResults } from '#shared/api/routes/test-runs';
import { projectHandler } from '#shared/http/project-handler';
import { importTestResults } from '#shared/testing/imports/import';

export const handler = projectHandler(
  ImportTestResults,
  async ({ project, params, query, rawBody, idempotencyKey }) => {
    const { run, replayed } = await importTestResults(project, rawBody as string, query, idempotencyKey);
    return {
      body: run,
      headers: {
        location: `/v1/projects/${params.projectId}/test-runs/${run.id}`,
        ...(replayed ? { 'idempotent-replayed': 'true' } : {}),
      },
    };
  },
);
