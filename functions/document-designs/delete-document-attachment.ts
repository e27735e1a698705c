import { DeleteDocumentAttachment } from '#shared/api/routes/document-designs';
import { deleteAttachment } from '#shared/documents/attachments/commands';
import { projectHandler } from '#shared/http/project-handler';

export const handler = projectHandler(DeleteDocumentAttachment, async ({ project, params }) => {
  await deleteAttachment(project, params.documentId, params.attachmentId);
  return {};
});
