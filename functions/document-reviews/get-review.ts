import { GetDocumentReview } from '#shared/api/routes/document-reviews';
import { getDocumentReview } from '#shared/documents/reviews/queries';
import { projectHandler } from '#shared/http/project-handler';

export const handler = projectHandler(GetDocumentReview, async ({ project, params }) => ({
  body: await getDocumentReview(project, params.documentId),
}));
