import { ListDocumentLinks } from '#shared/api/routes/document-links';
import { listLinksForCaller } from '#shared/documents/links/queries';
import { projectHandler } from '#shared/http/project-handler';

export const handler = projectHandler(ListDocumentLinks, async ({ project, params }) => ({
  body: await listLinksForCaller(project, params.documentId),
}));
