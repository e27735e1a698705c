import type { DocumentFormat } from '#shared/documents/model';
import { openApiReferenceMarkdown } from '#shared/documents/openapi/reference';
import { documentOutline, type OutlineEntry, renderMarkdown } from '#shared/documents/rendering';

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
