import { defineRoute } from '#shared/api/route-definition';
import { DocumentTemplateBody, DocumentTemplateParams } from '#shared/schemas/documents';
import { ProjectParams } from '#shared/schemas/projects';

// Document templates (issue 11): the built-in ones every project has, read-only, and the
// project's own. One export per route, each a `/* @__PURE__ */ defineRoute` (docs/architecture.md).

export const ListDocumentTemplates = /* @__PURE__ */ defineRoute({
  id: 'ListDocumentTemplates',
  method: 'GET',
  path: '/v1/projects/{projectId}/document-templates',
  handler: 'functions/document-templates/list-document-templates.ts',
  auth: 'user',
  permission: { resource: 'documentTemplate', action: 'read' },
  summary: "The built-in templates (in the caller's language) and the project's, without bodies",
  access: { table: 'read' },
  request: { params: ProjectParams },
  response: { status: 200 },
});

export const GetDocumentTemplate = /* @__PURE__ */ defineRoute({
  id: 'GetDocumentTemplate',
  method: 'GET',
  path: '/v1/projects/{projectId}/document-templates/{templateId}',
  handler: 'functions/document-templates/get-document-template.ts',
  auth: 'user',
  permission: { resource: 'documentTemplate', action: 'read' },
  summary: "A template with its body (a built-in one in the caller's language)",
  access: { table: 'read' },
  request: { params: DocumentTemplateParams },
  response: { status: 200 },
});

export const CreateDocumentTemplate = /* @__PURE__ */ defineRoute({
  id: 'CreateDocumentTemplate',
  method: 'POST',
  path: '/v1/projects/{projectId}/document-templates',
  handler: 'functions/document-templates/create-document-template.ts',
  auth: 'user',
  permission: { resource: 'documentTemplate', action: 'manage' },
  summary: 'Creates a project template (an OpenAPI one must validate)',
  access: { table: 'readWrite' },
  request: { params: ProjectParams, body: DocumentTemplateBody },
  response: { status: 201 },
});

export const ReplaceDocumentTemplate = /* @__PURE__ */ defineRoute({
  id: 'ReplaceDocumentTemplate',
  method: 'PUT',
  path: '/v1/projects/{projectId}/document-templates/{templateId}',
  handler: 'functions/document-templates/replace-document-template.ts',
  auth: 'user',
  permission: { resource: 'documentTemplate', action: 'manage' },
  summary: 'Replaces a project template (honours If-Match; built-in templates answer 409)',
  access: { table: 'readWrite' },
  request: { params: DocumentTemplateParams, body: DocumentTemplateBody },
  response: { status: 200 },
});

export const DeleteDocumentTemplate = /* @__PURE__ */ defineRoute({
  id: 'DeleteDocumentTemplate',
  method: 'DELETE',
  path: '/v1/projects/{projectId}/document-templates/{templateId}',
  handler: 'functions/document-templates/delete-document-template.ts',
  auth: 'user',
  permission: { resource: 'documentTemplate', action: 'manage' },
  summary: 'Deletes a project template (built-in templates answer 409); documents made from it keep their text',
  access: { table: 'readWrite' },
  request: { params: DocumentTemplateParams },
  response: { status: 204 },
});

/** The routes of this part of the documents-and-search service (issue 11). */
export const DOCUMENT_TEMPLATES_ROUTES = {
  ListDocumentTemplates,
  GetDocumentTemplate,
  CreateDocumentTemplate,
  ReplaceDocumentTemplate,
  DeleteDocumentTemplate,
};
