import { ReopenDocumentComment } from '#shared/api/routes/document-reviews';
import { setCommentResolved } from '#shared/documents/reviews/commands';
import { projectHandler } from '#shared/http/project-handler';

export const handler = projectHandler(ReopenDocumentComment, async ({ project, params }) => ({
  body: await setCommentResolved(project, params.documentId, params.commentId, false),
}));
