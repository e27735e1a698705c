import { ListDocumentAttachments } from '#shared/api/routes/document-designs';
import { listDocumentAttachments } from '#shared/documents/attachments/queries';
import { projectHandler } from '#shared/http/project-handler';

export const handler = projectHandler(ListDocumentAttachments, async ({ project, params }) => ({
  body: { items: await listDocumentAttachments(project, params.documentId) },
}));
