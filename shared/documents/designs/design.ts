import type { ProjectScope } from '#shared/auth/project-access';
import * as m from '#shared/documents/designs/messages';
import type { DocumentRecord } from '#shared/documents/model';
import { dereferenceOpenApi, type OpenApiDocument, validateOpenApi } from '#shared/documents/openapi/validate';
import { readDocumentBody } from '#shared/documents/queries';
import { ConflictError } from '#shared/http/errors';

/** A validated, dereferenced design of an openapi document, at `version` (the latest when absent). */
export async function loadDesign(
  scope: ProjectScope,
  document: DocumentRecord,
  version?: number,
): Promise<{ design: OpenApiDocument; openapiVersion: '3.0' | '3.1'; version: number }> {
  if (document.format !== 'openapi') {
    throw new ConflictError('DOCUMENT_NOT_OPENAPI', m.notOpenApi({ format: document.format }));
  }
  const at = version ?? document.version;
  const validation = await validateOpenApi(await readDocumentBody(scope, document, at));
  if (!validation.valid) throw new ConflictError('DESIGN_INVALID', m.storedDesignInvalid({ version: at }));
  return { design: await dereferenceOpenApi(validation.document), openapiVersion: validation.version, version: at };
}
