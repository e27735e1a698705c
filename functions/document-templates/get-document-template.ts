import { GetDocumentTemplate } from '#shared/api/routes/document-templates';
import { getTemplateForCaller } from '#shared/documents/templates/queries';
import { projectHandler } from '#shared/http/project-handler';

export const handler = projectHandler(GetDocumentTemplate, async ({ project, params }) => {
  const template = await getTemplateForCaller(project, params.templateId);
  return { body: template, headers: { etag: `"${template.version}"` } };
});
