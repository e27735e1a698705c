import { ListDocumentVersions } from '#shared/api/routes/documents';
import { listVersionsForCaller } from '#shared/documents/queries';
import { projectHandler } from '#shared/http/project-handler';

export const handler = projectHandler(ListDocumentVersions, async ({ project, params, query }) => ({
  body: await listVersionsForCaller(project, params.documentId, query),
}));
