import { describe, expect, it } from 'vitest';
import type * as z from 'zod/mini';
import type { DocumentRecord, DocumentVersionRecord } from '#shared/documents/model';
import { documentDisplayKey, parseDocumentRef, refersToProject } from '#shared/documents/numbers';
import { escapeMarkdown } from '#shared/documents/openapi/reference';
import { renderMarkdown } from '#shared/documents/rendering';
import { toDocumentSummary, toDocumentView, toVersionSummary, toVersionView } from '#shared/documents/views';
import {
  Document,
  DocumentRef,
  DocumentSummary,
  DocumentVersion,
  DocumentVersionSummary,
} from '#shared/schemas/documents';

describe('document references', () => {
  it.each([
    ['01jq3v6m2x8k9c7w4e5r1t0y2u', { kind: 'id', id: '01jq3v6m2x8k9c7w4e5r1t0y2u' }],
    ['DE-12', { kind: 'number', projectKey: 'DE', number: 12 }],
    ['de-12', { kind: 'number', projectKey: 'DE', number: 12 }],
    ['Shop2-1', { kind: 'number', projectKey: 'SHOP2', number: 1 }],
    ['DE-999999999', { kind: 'number', projectKey: 'DE', number: 999_999_999 }],
  ])('reads %s', (ref, parsed) => {
    expect(parseDocumentRef(ref)).toEqual(parsed);
  });

  it.each(['DE-0', 'DE-012', 'D-1', '1DE-1', 'DE_1', 'DE-1-2', 'DE-1234567890', '', '01JQ3V6M2X8K9C7W4E5R1T0Y2U'])(
    'refuses %j',
    (ref) => {
      expect(parseDocumentRef(ref)).toBeUndefined();
    },
  );

  it('accepts exactly what the route parameter schema accepts', () => {
    const samples = [
      'DE-12',
      'de-7',
      'ABCDEFGHIJ-1',
      'ABCDEFGHIJK-1',
      'DE-0',
      'x-1',
      '01jq3v6m2x8k9c7w4e5r1t0y2u',
      'DE-',
    ];
    for (const sample of samples) {
      expect(parseDocumentRef(sample) !== undefined, sample).toBe(DocumentRef.safeParse(sample).success);
    }
  });

  it('names a document with its project key, upper-cased, and matches refs to their project in any case', () => {
    expect(documentDisplayKey('DE', 12)).toBe('DE-12');
    expect(refersToProject(parseDocumentRef('de-3')!, 'DE')).toBe(true);
    expect(refersToProject(parseDocumentRef('OPS-3')!, 'DE')).toBe(false);
    expect(refersToProject(parseDocumentRef('01jq3v6m2x8k9c7w4e5r1t0y2u')!, 'DE')).toBe(true);
  });
});

const RECORD: DocumentRecord = {
  id: '01jq3v6m2x8k9c7w4e5r1t0y2u',
  projectId: '01jq3v6m2x8k9c7w4e5r1t0y2v',
  number: 7,
  title: 'Login',
  type: 'requirement',
  format: 'markdown',
  tags: ['auth'],
  templateId: null,
  status: 'in_review',
  version: 3,
  versionCreatedBy: 'editor',
  reviewers: ['reviewer'],
  requiredApprovals: 2,
  createdBy: 'author',
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-02T00:00:00.000Z',
};

const VERSION: DocumentVersionRecord = {
  documentId: RECORD.id,
  projectId: RECORD.projectId,
  version: 2,
  title: 'Login (old)',
  tags: [],
  bodyKey: `documents/${RECORD.projectId}/${RECORD.id}/01jq3v6m2x8k9c7w4e5r1t0y2w`,
  size: 5,
  sha256: 'a'.repeat(64),
  restoredFrom: 1,
  createdBy: 'editor',
  createdAt: '2026-01-02T00:00:00.000Z',
};

/** The field names a view schema declares. */
const fieldsOf = (schema: z.ZodMiniObject) => Object.keys(schema.def.shape).sort();

describe('document views', () => {
  it('shows the display key, who saved last as updatedBy, and every field of the response schema', () => {
    const summary = toDocumentSummary(RECORD, 'DE');
    expect(summary).toMatchObject({
      key: 'DE-7',
      number: 7,
      updatedBy: 'editor',
      createdBy: 'author',
      type: 'requirement',
    });
    expect(Object.keys(summary).sort()).toEqual(fieldsOf(DocumentSummary));
    expect(DocumentSummary.safeParse(summary).success).toBe(true);
    const view = toDocumentView(RECORD, 'DE', '# Login');
    expect(Document.safeParse(view).success).toBe(true);
    expect(Object.keys(view).sort()).toEqual(
      fieldsOf(Document).filter((name) => name !== 'html' && name !== 'outline'),
    );
  });

  it('never shows where a version’s body is stored', () => {
    const summary = toVersionSummary(VERSION);
    expect(summary).not.toHaveProperty('bodyKey');
    expect(summary).not.toHaveProperty('projectId');
    expect(Object.keys(summary).sort()).toEqual(fieldsOf(DocumentVersionSummary));
    expect(DocumentVersion.safeParse(toVersionView(VERSION, 'hello')).success).toBe(true);
  });
});

describe('OpenAPI reference text', () => {
  it.each(['<script>alert(1)</script>', '**bold** _x_ [link](javascript:alert(1))', '# not a heading', '`code`'])(
    'shows %j as written, never as markup',
    (text) => {
      const { html } = renderMarkdown(`# ${escapeMarkdown(text)}`);
      const shown = html
        .replace(/^<h1[^>]*>|<\/h1>\n?$/g, '')
        .replaceAll('&lt;', '<')
        .replaceAll('&gt;', '>')
        .replaceAll('&amp;', '&')
        .replaceAll('&quot;', '"');
      expect(shown).toBe(text);
    },
  );
});
