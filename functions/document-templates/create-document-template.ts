import { CreateDocumentTemplate } from '#shared/api/routes/document-templates';
import { createTemplate } from '#shared/documents/templates/commands';
import { projectHandler } from '#shared/http/project-handler';

export const handler = projectHandler(CreateDocumentTemplate, async ({ project, params, body }) => {
  const template = await createTemplate(project, body);
  return {
    body: template,
    headers: {
      location: `/v1/projects/${params.projectId}/document-templates/${template.id}`,
      etag: `"${template.version}"`,
    },
  };
});
