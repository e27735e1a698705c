import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { contentDisposition, servedContentType } from '#shared/documents/attachments/rules';

// The reference reader of Content-Disposition headers (jshttp/content-disposition, as Express
// uses it): what a client makes of the header we sign into a download link.
const { parse } = createRequire(import.meta.url)('content-disposition') as {
  parse(header: string): { type: string; parameters: Record<string, string> };
};

describe('contentDisposition', () => {
  it('serves SVG and HTML as downloads and images, PDFs and text inline', () => {
    expect(parse(contentDisposition('image/svg+xml', 'flow.svg')).type).toBe('attachment');
    expect(parse(contentDisposition('text/html', 'mockup.html')).type).toBe('attachment');
    for (const type of ['image/png', 'image/jpeg', 'application/pdf', 'text/plain'] as const) {
      expect(parse(contentDisposition(type, 'a.bin')).type).toBe('inline');
    }
  });

  it('gives back the file name as uploaded, whatever characters it holds', () => {
    for (const name of [
      'sequence diagram.png',
      '架构图 v2.png',
      'a"b\\c.txt',
      '100%.pdf',
      "it's (final)*.png",
      'naïve.svg',
    ]) {
      const header = contentDisposition('image/png', name);
      expect(parse(header).parameters.filename, header).toBe(name);
      // Nothing a header could be split or injected with: one line of printable ASCII.
      expect(header).toMatch(/^[\x20-\x7e]+$/);
    }
  });

  it('keeps a plain ASCII name as a simple quoted filename', () => {
    expect(contentDisposition('image/png', 'diagram.png')).toBe('inline; filename="diagram.png"');
  });
});

describe('servedContentType', () => {
  it('says the charset of text and leaves binary types as declared', () => {
    expect(servedContentType('text/plain')).toBe('text/plain; charset=utf-8');
    expect(servedContentType('image/webp')).toBe('image/webp');
  });
});
