import { UpdateDocument } from '#shared/api/routes/documents';
import { updateDocument } from '#shared/documents/commands';
import { projectHandler } from '#shared/http/project-handler';

export const handler = projectHandler(UpdateDocument, async ({ project, params, body, headers }) => {
  const document = await updateDocument(project, params.documentId, body, headers['if-match']);
  return { body: document, headers: { etag: `"${document.version}"` } };
});
