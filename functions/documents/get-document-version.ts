import { GetDocumentVersion } from '#shared/api/routes/documents';
import { getVersionForCaller } from '#shared/documents/queries';
import { projectHandler } from '#shared/http/project-handler';

export const handler = projectHandler(GetDocumentVersion, async ({ project, params, query }) => ({
  body: await getVersionForCaller(project, params.documentId, params.version, query),
}));
