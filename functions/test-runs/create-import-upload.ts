import { TEST_RUNS_ROUTES } from '#shared/api/routes/test-runs';
import { httpHandler } from '#shared/http/handler';
import { createImportUpload } from '#shared/testing/imports/uploads';

export const handler = httpHandler(
  TEST_RUNS_ROUTES.CreateImportUpload,
  async ({ auth, params, body, correlationId }) => {
    const upload = await createImportUpload(params.projectId, body, { auth, correlationId });
    return {
      body: upload,
      headers: { location: `/v1/projects/${params.projectId}/test-runs/imports/${upload.id}` },
    };
  },
);
