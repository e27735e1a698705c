import { defineRoute } from '#shared/api/route-definition';
import { PageQuery } from '#shared/schemas/common';
import {
  CreateDocumentBody,
  DocumentDiffQuery,
  DocumentParams,
  DocumentRenderQuery,
  DocumentVersionParams,
  ListDocumentsQuery,
  UpdateDocumentBody,
} from '#shared/schemas/documents';
import { ProjectParams } from '#shared/schemas/projects';

// The documents core (issue 11): documents, their versions and diffs. One export per route,
// each a `/* @__PURE__ */ defineRoute`; a handler imports its own route.

export const CreateDocument = /* @__PURE__ */ defineRoute({
  id: 'CreateDocument',
  method: 'POST',
  path: '/v1/projects/{projectId}/documents',
  handler: 'functions/documents/create-document.ts',
  auth: 'user',
  permission: { resource: 'document', action: 'write' },
  summary: 'Creates a document (version 1, status draft) with the project’s next number (`DE-12`)',
  access: { table: 'readWrite', artifacts: 'readWrite', events: true },
  request: { params: ProjectParams, body: CreateDocumentBody },
  response: { status: 201 },
});

export const ListDocuments = /* @__PURE__ */ defineRoute({
  id: 'ListDocuments',
  method: 'GET',
  path: '/v1/projects/{projectId}/documents',
  handler: 'functions/documents/list-documents.ts',
  auth: 'user',
  permission: { resource: 'document', action: 'read' },
  summary: 'A project’s documents, newest first (descending number), by type, status and tag',
  access: { table: 'read' },
  request: { params: ProjectParams, query: ListDocumentsQuery },
  response: { status: 200 },
});

export const GetDocument = /* @__PURE__ */ defineRoute({
  id: 'GetDocument',
  method: 'GET',
  path: '/v1/projects/{projectId}/documents/{documentId}',
  handler: 'functions/documents/get-document.ts',
  auth: 'user',
  permission: { resource: 'document', action: 'read' },
  summary: 'A document (by id or number) with its latest body; `?format=html|outline` renders it; ETag: its version',
  access: { table: 'read', artifacts: 'read' },
  request: { params: DocumentParams, query: DocumentRenderQuery },
  response: { status: 200 },
});

export const UpdateDocument = /* @__PURE__ */ defineRoute({
  id: 'UpdateDocument',
  method: 'PUT',
  path: '/v1/projects/{projectId}/documents/{documentId}',
  handler: 'functions/documents/update-document.ts',
  auth: 'user',
  permission: { resource: 'document', action: 'write' },
  summary: 'Saves a new version; If-Match (the version edited) required: 428 without, 412 when stale',
  access: { table: 'readWrite', artifacts: 'readWrite', events: true },
  request: { params: DocumentParams, body: UpdateDocumentBody },
  response: { status: 200 },
});

export const DeleteDocument = /* @__PURE__ */ defineRoute({
  id: 'DeleteDocument',
  method: 'DELETE',
  path: '/v1/projects/{projectId}/documents/{documentId}',
  handler: 'functions/documents/delete-document.ts',
  auth: 'user',
  permission: { resource: 'document', action: 'write' },
  summary: 'Deletes a document with its versions, bodies, approvals, comments and links; its number is never reused',
  access: { table: 'readWrite', artifacts: 'readWrite', events: true },
  request: { params: DocumentParams },
  response: { status: 204 },
});

export const ListDocumentVersions = /* @__PURE__ */ defineRoute({
  id: 'ListDocumentVersions',
  method: 'GET',
  path: '/v1/projects/{projectId}/documents/{documentId}/versions',
  handler: 'functions/documents/list-document-versions.ts',
  auth: 'user',
  permission: { resource: 'document', action: 'read' },
  summary: 'A document’s versions, newest first',
  access: { table: 'read' },
  request: { params: DocumentParams, query: PageQuery },
  response: { status: 200 },
});

export const GetDocumentVersion = /* @__PURE__ */ defineRoute({
  id: 'GetDocumentVersion',
  method: 'GET',
  path: '/v1/projects/{projectId}/documents/{documentId}/versions/{version}',
  handler: 'functions/documents/get-document-version.ts',
  auth: 'user',
  permission: { resource: 'document', action: 'read' },
  summary: 'One version with its body; `?format=html|outline` renders it',
  access: { table: 'read', artifacts: 'read' },
  request: { params: DocumentVersionParams, query: DocumentRenderQuery },
  response: { status: 200 },
});

export const DiffDocumentVersions = /* @__PURE__ */ defineRoute({
  id: 'DiffDocumentVersions',
  method: 'GET',
  path: '/v1/projects/{projectId}/documents/{documentId}/diff',
  handler: 'functions/documents/diff-document-versions.ts',
  auth: 'user',
  permission: { resource: 'document', action: 'read' },
  summary: 'The diff of two versions: unified text and hunks; OpenAPI designs add the structural (breaking) changes',
  access: { table: 'read', artifacts: 'read' },
  request: { params: DocumentParams, query: DocumentDiffQuery },
  response: { status: 200 },
});

export const RestoreDocumentVersion = /* @__PURE__ */ defineRoute({
  id: 'RestoreDocumentVersion',
  method: 'POST',
  path: '/v1/projects/{projectId}/documents/{documentId}/versions/{version}/restore',
  handler: 'functions/documents/restore-document-version.ts',
  auth: 'user',
  permission: { resource: 'document', action: 'write' },
  summary: 'Saves an older version’s body, title and tags as a new version; If-Match required',
  access: { table: 'readWrite', artifacts: 'readWrite', events: true },
  request: { params: DocumentVersionParams },
  response: { status: 200 },
});

/** The routes of the documents core, served by functions/documents/. */
export const DOCUMENTS_ROUTES = {
  CreateDocument,
  ListDocuments,
  GetDocument,
  UpdateDocument,
  DeleteDocument,
  ListDocumentVersions,
  GetDocumentVersion,
  DiffDocumentVersions,
  RestoreDocumentVersion,
};
