import { GetDocumentAttachment } from '#shared/api/routes/document-designs';
import { attachmentLink } from '#shared/documents/attachments/queries';
import { projectHandler } from '#shared/http/project-handler';

export const handler = projectHandler(GetDocumentAttachment, async ({ project, params }) => ({
  body: await attachmentLink(project, params.documentId, params.attachmentId),
}));
