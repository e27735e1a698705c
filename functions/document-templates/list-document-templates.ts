import { ListDocumentTemplates } from '#shared/api/routes/document-templates';
import { listTemplatesForCaller } from '#shared/documents/templates/queries';
import { projectHandler } from '#shared/http/project-handler';

export const handler = projectHandler(ListDocumentTemplates, async ({ project }) => ({
  body: await listTemplatesForCaller(project),
}));
