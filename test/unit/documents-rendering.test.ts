import { describe, expect, it } from 'vitest';
import { acceptanceCriteria, documentOutline, renderMarkdown } from '#shared/documents/rendering';
import { BROKEN_MARKUP_PAYLOADS, executableConstructs, HTML_PAYLOADS, MARKDOWN_PAYLOADS } from '../support/xss.ts';

describe('document rendering: sanitization', () => {
  it('recognises every raw HTML payload as executable (the check can fail)', () => {
    const missed = HTML_PAYLOADS.filter((payload) => executableConstructs(payload).length === 0);

    expect(missed).toEqual([]);
  });

  it.each([...HTML_PAYLOADS, ...BROKEN_MARKUP_PAYLOADS, ...MARKDOWN_PAYLOADS])(
    'leaves nothing executable of %s',
    (payload) => {
      const { html } = renderMarkdown(`Before\n\n${payload}\n\nafter`);

      expect(executableConstructs(html)).toEqual([]);
      expect(html).toContain('after');
    },
  );

  it('keeps what documents need: links with rel, relative and mail links, raster data images, tables, details', () => {
    const { html } = renderMarkdown(
      [
        '[site](https://example.com) [doc](../design/adr-1.md) [mail](mailto:team@example.com) https://auto.example.org',
        '',
        '![diagram](data:image/png;base64,iVBORw0KGgo=) <img src="/a.png" width="40">',
        '',
        '| left | right |',
        '|:-----|------:|',
        '| 1 | 2 |',
        '',
        '<details><summary>More</summary>hidden</details>',
      ].join('\n'),
    );

    expect(html).toContain('<a href="https://example.com" rel="noopener noreferrer">site</a>');
    expect(html).toContain('<a href="../design/adr-1.md" rel="noopener noreferrer">doc</a>');
    expect(html).toContain('<a href="mailto:team@example.com" rel="noopener noreferrer">mail</a>');
    expect(html).toContain('<a href="https://auto.example.org" rel="noopener noreferrer">');
    expect(html).toContain('<img alt="diagram" src="data:image/png;base64,iVBORw0KGgo=" />');
    expect(html).toContain('<img width="40" src="/a.png" />');
    expect(html).toContain('<th style="text-align:right">right</th>');
    expect(html).toContain('<details><summary>More</summary>hidden</details>');
  });

  it('keeps Mermaid blocks as escaped text for the client and code blocks with their language', () => {
    const { html } = renderMarkdown('```mermaid\ngraph TD; A-->B<br>\n```\n\n```ts\nconst a = 1 < 2;\n```');

    expect(html).toContain('<pre class="mermaid">graph TD; A--&gt;B&lt;br&gt;\n</pre>');
    expect(html).toContain('<pre><code class="language-ts">const a = 1 &lt; 2;\n</code></pre>');
  });
});

describe('document outline', () => {
  it('gives headings GitHub-style anchors, repeated ones numbered', () => {
    const outline = documentOutline(
      [
        '# Hello, World!',
        '## API `v2` design',
        '## Notes',
        '### Notes',
        '## Notes',
        '## 部署 流程（草案）',
        '## snake_case & more',
      ].join('\n\n'),
    );

    expect(outline).toEqual([
      { level: 1, text: 'Hello, World!', anchor: 'hello-world' },
      { level: 2, text: 'API v2 design', anchor: 'api-v2-design' },
      { level: 2, text: 'Notes', anchor: 'notes' },
      { level: 3, text: 'Notes', anchor: 'notes-1' },
      { level: 2, text: 'Notes', anchor: 'notes-2' },
      { level: 2, text: '部署 流程（草案）', anchor: '部署-流程草案' },
      { level: 2, text: 'snake_case & more', anchor: 'snake_case--more' },
    ]);
  });

  it('puts the anchors on the rendered headings and drops ids written in the document', () => {
    const { html, outline } = renderMarkdown('# Intro\n\n<h2 id="login-form">Injected</h2>\n\n## Intro');

    expect(outline.map((entry) => entry.anchor)).toEqual(['intro', 'intro-1']);
    expect(html).toContain('<h1 id="intro">Intro</h1>');
    expect(html).toContain('<h2>Injected</h2>');
    expect(html).toContain('<h2 id="intro-1">Intro</h2>');
  });
});

describe('acceptance criteria', () => {
  it('numbers the items under the heading by position', () => {
    const criteria = acceptanceCriteria(
      [
        '# Sign-in',
        '## Acceptance criteria',
        '1. A user signs in with a password.\n2. A locked account is refused.\n   - with a message',
        '## Notes',
        '1. not a criterion',
      ].join('\n\n'),
    );

    expect(criteria).toEqual([
      { id: 'AC-1', text: 'A user signs in with a password.', explicit: false, line: 5 },
      { id: 'AC-2', text: 'A locked account is refused.', explicit: false, line: 6 },
    ]);
  });

  it('keeps explicit ids when items are inserted, and gives untagged items free ones', () => {
    const before = acceptanceCriteria('## Acceptance Criteria:\n\n1. [AC-1] first\n2. [AC-2] second\n');
    const after = acceptanceCriteria(
      '## Acceptance Criteria:\n\n1. inserted\n2. [AC-1] first\n3. [ac-2] second\n4. [AC-2] repeated tag\n',
    );

    expect(before.map(({ id, text }) => [id, text])).toEqual([
      ['AC-1', 'first'],
      ['AC-2', 'second'],
    ]);
    expect(after.map(({ id, text, explicit }) => [id, text, explicit])).toEqual([
      ['AC-3', 'inserted', false],
      ['AC-1', 'first', true],
      ['AC-2', 'second', true],
      ['AC-4', 'repeated tag', false],
    ]);
  });

  it('reads a Chinese heading and ends the section at the next heading of its level', () => {
    const criteria = acceptanceCriteria(
      '# 需求\n\n## 验收标准\n\n1. 用户可以登录\n\n### 细节\n\n2. 仍在本节\n\n## 其他\n\n1. 不算\n',
    );

    expect(criteria.map(({ id, text }) => [id, text])).toEqual([
      ['AC-1', '用户可以登录'],
      ['AC-2', '仍在本节'],
    ]);
  });

  it('finds none in a document without the heading', () => {
    expect(acceptanceCriteria('# Title\n\n1. one\n2. two\n')).toEqual([]);
  });
});
