import { DeleteDocumentLink } from '#shared/api/routes/document-links';
import { removeLink } from '#shared/documents/links/commands';
import { projectHandler } from '#shared/http/project-handler';

export const handler = projectHandler(DeleteDocumentLink, async ({ project, params }) => {
  await removeLink(project, params.documentId, params.linkId);
  return {};
});
