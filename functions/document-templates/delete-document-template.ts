import { DeleteDocumentTemplate } from '#shared/api/routes/document-templates';
import { deleteTemplate } from '#shared/documents/templates/commands';
import { projectHandler } from '#shared/http/project-handler';

export const handler = projectHandler(DeleteDocumentTemplate, async ({ project, params }) => {
  await deleteTemplate(project, params.templateId);
  return {};
});
