import type { ProjectScope } from '#shared/auth/project-access';
import { getDocumentBody } from '#shared/documents/bodies';
import type { DocumentFormat } from '#shared/documents/model';
import { openApiReferenceMarkdown } from '#shared/documents/openapi/reference';
import { getDocumentVersion, readDocumentBody, resolveDocument } from '#shared/documents/queries';
import { documentOutline, type OutlineEntry, renderMarkdown } from '#shared/documents/rendering';
import { toDocumentView, toVersionView } from '#shared/documents/views';
import type { Document, DocumentRenderQuery, DocumentVersion } from '#shared/schemas/documents';

// What GET of a document or of a version answers: the body, and the body rendered on request
// (apart from queries.ts, so that the routes that only resolve documents carry no renderer).

/**
 * What `?format=` adds to a document or version: `html` (sanitized, whatever the body holds) or
 * `outline` (headings). An OpenAPI design is first written as a Markdown reference (its
 * operations, parameters and schemas), which the same sanitizing renderer then turns into HTML.
 */
export function renderDocumentBody(
  format: DocumentFormat,
  body: string,
  wanted: 'html' | 'outline' | undefined,
): { html?: string; outline?: OutlineEntry[] } {
  if (wanted === undefined) return {};
  const markdown = format === 'openapi' ? openApiReferenceMarkdown(body) : body;
  return wanted === 'html' ? { html: renderMarkdown(markdown).html } : { outline: documentOutline(markdown) };
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
