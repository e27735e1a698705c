import { RequestDocumentReview } from '#shared/api/routes/document-reviews';
import { requestReview } from '#shared/documents/reviews/commands';
import { projectHandler } from '#shared/http/project-handler';

export const handler = projectHandler(RequestDocumentReview, async ({ project, params, body }) => ({
  body: await requestReview(project, params.documentId, body),
}));
