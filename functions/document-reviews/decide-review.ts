import { DecideDocumentReview } from '#shared/api/routes/document-reviews';
import { decideReview } from '#shared/documents/reviews/commands';
import { projectHandler } from '#shared/http/project-handler';

export const handler = projectHandler(DecideDocumentReview, async ({ project, params, body }) => ({
  body: await decideReview(project, params.documentId, body),
}));
