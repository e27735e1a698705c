import { CreateDocument } from '#shared/api/routes/documents';
import { createDocument } from '#shared/documents/commands';
import { projectHandler } from '#shared/http/project-handler';

export const handler = projectHandler(CreateDocument, async ({ project, params, body }) => {
  const document = await createDocument(project, body);
  return {
    body: document,
    headers: { location: `/v1/projects/${params.projectId}/documents/${document.id}`, etag: `"${document.version}"` },
  };
});
