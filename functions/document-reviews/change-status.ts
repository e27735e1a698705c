import { ChangeDocumentStatus } from '#shared/api/routes/document-reviews';
import { changeDocumentStatus } from '#shared/documents/reviews/commands';
import { projectHandler } from '#shared/http/project-handler';

export const handler = projectHandler(ChangeDocumentStatus, async ({ project, params, body }) => ({
  body: await changeDocumentStatus(project, params.documentId, body),
}));
