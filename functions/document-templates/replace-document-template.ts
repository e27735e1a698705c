import { ReplaceDocumentTemplate } from '#shared/api/routes/document-templates';
import { replaceTemplate } from '#shared/documents/templates/commands';
import { projectHandler } from '#shared/http/project-handler';

export const handler = projectHandler(ReplaceDocumentTemplate, async ({ project, params, body, headers }) => {
  const template = await replaceTemplate(project, params.templateId, body, headers['if-match']);
  return { body: template, headers: { etag: `"${template.version}"` } };
});
