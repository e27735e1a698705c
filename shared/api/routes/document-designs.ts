import { defineRoute, type RouteDefinition } from '#shared/api/route-definition';
import {
  AttachmentParams,
  CheckDriftBody,
  CreateAttachmentBody,
  DocumentParams,
  DriftQuery,
  GenerateTestCasesBody,
} from '#shared/schemas/documents';

// API designs (tests generated from an openapi document, drift against a live API) and document
// attachments (issue 11). One export per route: a handler imports its own.

export const GenerateDocumentTestCases = /* @__PURE__ */ defineRoute({
  id: 'GenerateDocumentTestCases',
  method: 'POST',
  path: '/v1/projects/{projectId}/documents/{documentId}/test-cases',
  handler: 'functions/document-designs/generate-document-test-cases.ts',
  auth: 'user',
  permission: { resource: 'document', action: 'write' },
  summary:
    "Generates api test cases from an OpenAPI design's latest version (linked `verifies`); generating again updates generated cases and never touches cases edited by hand",
  // events: the test-case commands it stores cases through publish their events (search indexes them).
  access: { table: 'readWrite', artifacts: 'read', events: true },
  request: { params: DocumentParams, body: GenerateTestCasesBody },
  response: { status: 200 },
});

export const CheckDocumentDrift = /* @__PURE__ */ defineRoute({
  id: 'CheckDocumentDrift',
  method: 'POST',
  path: '/v1/projects/{projectId}/documents/{documentId}/drift',
  handler: 'functions/document-designs/check-document-drift.ts',
  auth: 'user',
  permission: { resource: 'document', action: 'write' },
  summary:
    'Fetches a live OpenAPI document (guarded outbound call) and lists its differences to the design (latest or `?version=`), breaking ones first',
  access: { table: 'read', artifacts: 'read' },
  request: { params: DocumentParams, query: DriftQuery, body: CheckDriftBody },
  response: { status: 200 },
});

export const CreateDocumentAttachment = /* @__PURE__ */ defineRoute({
  id: 'CreateDocumentAttachment',
  method: 'POST',
  path: '/v1/projects/{projectId}/documents/{documentId}/attachments',
  handler: 'functions/document-designs/create-document-attachment.ts',
  auth: 'user',
  permission: { resource: 'document', action: 'write' },
  summary: 'Attaches a file (≤ 25 MB): answers a presigned PUT bound to its declared type and length',
  access: { table: 'readWrite', artifacts: 'readWrite' },
  request: { params: DocumentParams, body: CreateAttachmentBody },
  response: {
    status: 201,
    descriptions: { 201: 'Created: PUT the bytes to `url` with exactly `headers` before `expiresAt`' },
  },
});

export const ListDocumentAttachments = /* @__PURE__ */ defineRoute({
  id: 'ListDocumentAttachments',
  method: 'GET',
  path: '/v1/projects/{projectId}/documents/{documentId}/attachments',
  handler: 'functions/document-designs/list-document-attachments.ts',
  auth: 'user',
  permission: { resource: 'document', action: 'read' },
  summary: "A document's attachments, oldest first",
  // artifacts: resolving the document (core's queries) loads the bucket's module, which needs its name.
  access: { table: 'read', artifacts: 'read' },
  request: { params: DocumentParams },
  response: { status: 200 },
});

export const GetDocumentAttachment = /* @__PURE__ */ defineRoute({
  id: 'GetDocumentAttachment',
  method: 'GET',
  path: '/v1/projects/{projectId}/documents/{documentId}/attachments/{attachmentId}',
  handler: 'functions/document-designs/get-document-attachment.ts',
  auth: 'user',
  permission: { resource: 'document', action: 'read' },
  summary: 'A presigned GET of an attachment (served as a download for SVG and HTML)',
  access: { table: 'read', artifacts: 'read' },
  request: { params: AttachmentParams },
  response: { status: 200 },
});

export const DeleteDocumentAttachment = /* @__PURE__ */ defineRoute({
  id: 'DeleteDocumentAttachment',
  method: 'DELETE',
  path: '/v1/projects/{projectId}/documents/{documentId}/attachments/{attachmentId}',
  handler: 'functions/document-designs/delete-document-attachment.ts',
  auth: 'user',
  permission: { resource: 'document', action: 'write' },
  summary: 'Deletes an attachment and its bytes',
  access: { table: 'readWrite', artifacts: 'readWrite' },
  request: { params: AttachmentParams },
  response: { status: 204 },
});

/** The routes of this part of the documents-and-search service (issue 11). */
export const DOCUMENT_DESIGNS_ROUTES: Record<string, RouteDefinition> = {
  GenerateDocumentTestCases,
  CheckDocumentDrift,
  CreateDocumentAttachment,
  ListDocumentAttachments,
  GetDocumentAttachment,
  DeleteDocumentAttachment,
};
