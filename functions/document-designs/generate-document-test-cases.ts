import { GenerateDocumentTestCases } from '#shared/api/routes/document-designs';
import { generateDesignTestCases } from '#shared/documents/designs/commands';
import { projectHandler } from '#shared/http/project-handler';

export const handler = projectHandler(GenerateDocumentTestCases, async ({ project, params, body }) => ({
  body: await generateDesignTestCases(project, params.documentId, body),
}));
