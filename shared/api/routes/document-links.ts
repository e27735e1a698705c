import { defineRoute } from '#shared/api/route-definition';
import {
  CreateDocumentLinkBody,
  DocumentLinkParams,
  DocumentParams,
  LinksToTargetQuery,
} from '#shared/schemas/documents';
import { ProjectParams } from '#shared/schemas/projects';

// Links from documents to test cases, documents, environments, pipelines and analyses, and a
// requirement's traceability (issue 11). One export per route (docs/architecture.md).

export const CreateDocumentLink = /* @__PURE__ */ defineRoute({
  id: 'CreateDocumentLink',
  method: 'POST',
  path: '/v1/projects/{projectId}/documents/{documentId}/links',
  handler: 'functions/document-links/create-document-link.ts',
  auth: 'user',
  permission: { resource: 'document', action: 'write' },
  summary:
    'Links the document to a resource of the project (verifies a test case, optionally one acceptance criterion)',
  // artifacts: a criterion is checked against the current version's body
  access: { table: 'readWrite', artifacts: 'read', events: true },
  request: { params: DocumentParams, body: CreateDocumentLinkBody },
  response: { status: 201 },
});

export const ListDocumentLinks = /* @__PURE__ */ defineRoute({
  id: 'ListDocumentLinks',
  method: 'GET',
  path: '/v1/projects/{projectId}/documents/{documentId}/links',
  handler: 'functions/document-links/list-document-links.ts',
  auth: 'user',
  permission: { resource: 'document', action: 'read' },
  summary: "The document's links (outgoing) and other documents' links to it (incoming)",
  // artifacts: resolving a document (shared/documents/queries) loads the body store
  access: { table: 'read', artifacts: 'read' },
  request: { params: DocumentParams },
  response: { status: 200 },
});

export const DeleteDocumentLink = /* @__PURE__ */ defineRoute({
  id: 'DeleteDocumentLink',
  method: 'DELETE',
  path: '/v1/projects/{projectId}/documents/{documentId}/links/{linkId}',
  handler: 'functions/document-links/delete-document-link.ts',
  auth: 'user',
  permission: { resource: 'document', action: 'write' },
  summary: "Removes one of the document's links",
  access: { table: 'readWrite', artifacts: 'read', events: true },
  request: { params: DocumentLinkParams },
  response: { status: 204 },
});

export const ListLinksToTarget = /* @__PURE__ */ defineRoute({
  id: 'ListLinksToTarget',
  method: 'GET',
  path: '/v1/projects/{projectId}/links',
  handler: 'functions/document-links/list-links-to-target.ts',
  auth: 'user',
  permission: { resource: 'document', action: 'read' },
  summary: "The project's document links to one resource (a test case, environment, pipeline, analysis or document)",
  access: { table: 'read', artifacts: 'read' },
  request: { params: ProjectParams, query: LinksToTargetQuery },
  response: { status: 200 },
});

export const GetDocumentTraceability = /* @__PURE__ */ defineRoute({
  id: 'GetDocumentTraceability',
  method: 'GET',
  path: '/v1/projects/{projectId}/documents/{documentId}/traceability',
  handler: 'functions/document-links/get-document-traceability.ts',
  auth: 'user',
  permission: { resource: 'document', action: 'read' },
  summary: "Requirement coverage: each acceptance criterion's test cases with their latest results, and the totals",
  access: { table: 'read', artifacts: 'read' },
  request: { params: DocumentParams },
  response: { status: 200 },
});

/** The routes of this part of the documents-and-search service (issue 11). */
export const DOCUMENT_LINKS_ROUTES = {
  CreateDocumentLink,
  ListDocumentLinks,
  DeleteDocumentLink,
  ListLinksToTarget,
  GetDocumentTraceability,
};
