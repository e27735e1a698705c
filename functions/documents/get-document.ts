import { GetDocument } from '#shared/api/routes/documents';
import { getDocumentForCaller } from '#shared/documents/queries';
import { projectHandler } from '#shared/http/project-handler';

export const handler = projectHandler(GetDocument, async ({ project, params, query }) => {
  const document = await getDocumentForCaller(project, params.documentId, query);
  return { body: document, headers: { etag: `"${document.version}"` } };
});
