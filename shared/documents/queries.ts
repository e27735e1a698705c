import type { ProjectScope } from '#shared/auth/project-access';
import type { Page } from '#shared/data/repository';
import { getDocumentBody } from '#shared/documents/bodies';
import * as m from '#shared/documents/messages';
import type { DocumentRecord, DocumentVersionRecord } from '#shared/documents/model';
import { parseDocumentRef, refersToProject } from '#shared/documents/numbers';
import { renderDocumentBody } from '#shared/documents/presentation';
import {
  type DocumentFilter,
  documentIdByNumber,
  getDocumentRecord,
  getVersionRecord,
  listDocumentRecords,
  listVersionRecords,
} from '#shared/documents/repository';
import { toDocumentSummary, toDocumentView, toVersionSummary, toVersionView } from '#shared/documents/views';
import { NotFoundError } from '#shared/http/errors';
import type {
  Document,
  DocumentRenderQuery,
  DocumentSummary,
  DocumentVersion,
  DocumentVersionSummary,
} from '#shared/schemas/documents';

/** The 404 of a document that does not exist, was deleted, or is another project's. */
export function documentNotFound(): NotFoundError {
  return new NotFoundError('DOCUMENT_NOT_FOUND', m.documentNotFound());
}

/**
 * The document a route names: a ULID, or `KEY-n` with the project's current key (any letter
 * case). 404 `DOCUMENT_NOT_FOUND` when absent or in another project (a number under another
 * project's key is simply not this project's).
 */
export async function resolveDocument(scope: ProjectScope, ref: string): Promise<DocumentRecord> {
  const parsed = parseDocumentRef(ref);
  if (!parsed || !refersToProject(parsed, scope.project.key)) throw documentNotFound();
  const documentId = parsed.kind === 'id' ? parsed.id : await documentIdByNumber(scope.projectId, parsed.number);
  const document = documentId === undefined ? undefined : await getDocumentRecord(scope.projectId, documentId);
  if (!document) throw documentNotFound();
  return document;
}

/** One version's record; 404 `DOCUMENT_VERSION_NOT_FOUND` when the document has no such version. */
export async function getDocumentVersion(
  scope: ProjectScope,
  document: DocumentRecord,
  version: number,
): Promise<DocumentVersionRecord> {
  const record =
    version >= 1 && version <= document.version
      ? await getVersionRecord(scope.projectId, document.id, version)
      : undefined;
  if (!record) throw new NotFoundError('DOCUMENT_VERSION_NOT_FOUND', m.versionNotFound({ version }));
  return record;
}

/** The body of a version of the document (default: its latest); 404 as `getDocumentVersion`. */
export async function readDocumentBody(
  scope: ProjectScope,
  document: DocumentRecord,
  version: number = document.version,
): Promise<string> {
  const record = await getDocumentVersion(scope, document, version);
  return getDocumentBody(record.bodyKey);
}

/** GET of a document: its latest version with the body, and the body rendered when `?format=` asks. */
export async function getDocumentForCaller(
  scope: ProjectScope,
  ref: string,
  query: DocumentRenderQuery,
): Promise<Document> {
  const document = await resolveDocument(scope, ref);
  const body = await readDocumentBody(scope, document);
  const view = toDocumentView(document, scope.project.key, body);
  return { ...view, ...renderDocumentBody(document.format, body, query.format) };
}

/** A page of the project's documents, newest first, narrowed by type, status and tag. */
export async function listDocumentsForCaller(
  scope: ProjectScope,
  query: DocumentFilter & { limit: number; cursor?: string },
): Promise<Page<DocumentSummary>> {
  const { limit, cursor, ...filter } = query;
  const page = await listDocumentRecords(scope.projectId, filter, { limit, cursor });
  return {
    items: page.items.map((record) => toDocumentSummary(record, scope.project.key)),
    nextCursor: page.nextCursor,
  };
}

/** A page of a document's versions, newest first. */
export async function listVersionsForCaller(
  scope: ProjectScope,
  ref: string,
  page: { limit: number; cursor?: string },
): Promise<Page<DocumentVersionSummary>> {
  const document = await resolveDocument(scope, ref);
  const result = await listVersionRecords(scope.projectId, document.id, page);
  return { items: result.items.map(toVersionSummary), nextCursor: result.nextCursor };
}

/** One version with its body, rendered when `?format=` asks. */
export async function getVersionForCaller(
  scope: ProjectScope,
  ref: string,
  version: number,
  query: DocumentRenderQuery,
): Promise<DocumentVersion> {
  const document = await resolveDocument(scope, ref);
  const record = await getDocumentVersion(scope, document, version);
  const body = await getDocumentBody(record.bodyKey);
  return { ...toVersionView(record, body), ...renderDocumentBody(document.format, body, query.format) };
}
