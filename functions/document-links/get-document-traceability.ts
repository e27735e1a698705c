import { GetDocumentTraceability } from '#shared/api/routes/document-links';
import { traceabilityForCaller } from '#shared/documents/links/queries';
import { projectHandler } from '#shared/http/project-handler';

export const handler = projectHandler(GetDocumentTraceability, async ({ project, params }) => ({
  body: await traceabilityForCaller(project, params.documentId),
}));
