import { CreateDocumentComment } from '#shared/api/routes/document-reviews';
import { addComment } from '#shared/documents/reviews/commands';
import { projectHandler } from '#shared/http/project-handler';

export const handler = projectHandler(CreateDocumentComment, async ({ project, params, body }) => ({
  body: await addComment(project, params.documentId, body),
}));
