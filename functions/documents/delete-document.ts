import { DeleteDocument } from '#shared/api/routes/documents';
import { deleteDocument } from '#shared/documents/commands';
import { projectHandler } from '#shared/http/project-handler';

export const handler = projectHandler(DeleteDocument, async ({ project, params }) => {
  await deleteDocument(project, params.documentId);
  return {};
});
