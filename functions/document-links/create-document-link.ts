import { CreateDocumentLink } from '#shared/api/routes/document-links';
import { createLink } from '#shared/documents/links/commands';
import { projectHandler } from '#shared/http/project-handler';

export const handler = projectHandler(CreateDocumentLink, async ({ project, params, body }) => {
  const link = await createLink(project, params.documentId, body);
  return {
    body: link,
    headers: { location: `/v1/projects/${params.projectId}/documents/${link.documentId}/links/${link.id}` },
  };
});
