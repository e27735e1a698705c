import { DiffDocumentVersions } from '#shared/api/routes/documents';
import { diffDocumentVersions } from '#shared/documents/diffs';
import { projectHandler } from '#shared/http/project-handler';

export const handler = projectHandler(DiffDocumentVersions, async ({ project, params, query }) => ({
  body: await diffDocumentVersions(project, params.documentId, query.from, query.to),
}));
