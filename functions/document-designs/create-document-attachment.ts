import { CreateDocumentAttachment } from '#shared/api/routes/document-designs';
import { createAttachment } from '#shared/documents/attachments/commands';
import { projectHandler } from '#shared/http/project-handler';

export const handler = projectHandler(CreateDocumentAttachment, async ({ project, params, body }) => {
  const created = await createAttachment(project, params.documentId, body);
  return {
    body: created,
    headers: {
      location: `/v1/projects/${params.projectId}/documents/${created.documentId}/attachments/${created.id}`,
    },
  };
});
