import type { ProjectScope } from '#shared/auth/project-access';
import { getDocumentBody } from '#shared/documents/bodies';
import * as m from '#shared/documents/messages';
import { diffOpenApi, type OpenApiChange } from '#shared/documents/openapi/diff';
import { dereferenceOpenApi, type OpenApiDocument, validateOpenApi } from '#shared/documents/openapi/validate';
import { getDocumentVersion, resolveDocument } from '#shared/documents/queries';
import { textDiff } from '#shared/documents/text-diff';
import { ConflictError } from '#shared/http/errors';
import type { DocumentDiff } from '#shared/schemas/documents';

/** A saved OpenAPI version, parsed and dereferenced for the structural diff. */
async function dereferencedDesign(body: string, version: number): Promise<OpenApiDocument> {
  const validation = await validateOpenApi(body);
  if (!validation.valid) throw new ConflictError('DOCUMENT_NOT_OPENAPI', m.storedOpenApiUnreadable({ version }));
  return dereferenceOpenApi(validation.document);
}

/**
 * The diff between two versions of a document: the unified text and its hunks, and for an
 * OpenAPI design also the structural changes (oasdiff's checks), breaking ones first.
 */
export async function diffDocumentVersions(
  scope: ProjectScope,
  ref: string,
  from: number,
  to: number,
): Promise<DocumentDiff> {
  const document = await resolveDocument(scope, ref);
  const [fromRecord, toRecord] = await Promise.all([
    getDocumentVersion(scope, document, from),
    getDocumentVersion(scope, document, to),
  ]);
  const [fromBody, toBody] = await Promise.all([
    getDocumentBody(fromRecord.bodyKey),
    getDocumentBody(toRecord.bodyKey),
  ]);
  const text = textDiff(`v${from}`, `v${to}`, fromBody, toBody);
  let changes: OpenApiChange[] | undefined;
  if (document.format === 'openapi') {
    const [base, revision] = await Promise.all([dereferencedDesign(fromBody, from), dereferencedDesign(toBody, to)]);
    changes = diffOpenApi(base, revision);
  }
  return { documentId: document.id, from, to, ...text, ...(changes ? { changes } : {}) };
}
