import { ListDocumentComments } from '#shared/api/routes/document-reviews';
import { listDocumentComments } from '#shared/documents/reviews/queries';
import { projectHandler } from '#shared/http/project-handler';

export const handler = projectHandler(ListDocumentComments, async ({ project, params, query }) => ({
  body: await listDocumentComments(project, params.documentId, query),
}));
