import { CreateImportUpload } from '#shared/api/routes/test-runs';
import { projectHandler } from '#shared/http/project-handler';
import { createImportUpload } from '#shared/testing/imports/uploads';

export const handler = projectHandler(CreateImportUpload, async ({ project, params, body }) => {
  const upload = await createImportUpload(project, body);
  return {
    body: upload,
    headers: { location: `/v1/projects/${params.projectId}/test-runs/imports/${upload.id}` },
  };
});
