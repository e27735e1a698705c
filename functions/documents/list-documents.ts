import { ListDocuments } from '#shared/api/routes/documents';
import { listDocumentsForCaller } from '#shared/documents/queries';
import { projectHandler } from '#shared/http/project-handler';

export const handler = projectHandler(ListDocuments, async ({ project, query }) => ({
  body: await listDocumentsForCaller(project, query),
}));
