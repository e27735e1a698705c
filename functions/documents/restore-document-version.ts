import { RestoreDocumentVersion } from '#shared/api/routes/documents';
import { restoreDocumentVersion } from '#shared/documents/commands';
import { projectHandler } from '#shared/http/project-handler';

export const handler = projectHandler(RestoreDocumentVersion, async ({ project, params, headers }) => {
  const document = await restoreDocumentVersion(project, params.documentId, params.version, headers['if-match']);
  return { body: document, headers: { etag: `"${document.version}"` } };
});
