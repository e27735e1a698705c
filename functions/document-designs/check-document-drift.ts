import { CheckDocumentDrift } from '#shared/api/routes/document-designs';
import { checkDrift } from '#shared/documents/designs/drift';
import { projectHandler } from '#shared/http/project-handler';

export const handler = projectHandler(CheckDocumentDrift, async ({ project, params, query, body }) => ({
  body: await checkDrift(
    project,
    params.documentId,
    body.url,
    query.version !== undefined ? { version: query.version } : {},
  ),
}));
