import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';

// A Markdown document as HTML that is safe to put in a page whatever the document holds,
// its outline, and the acceptance criteria of a requirement (docs/search.md "Rendering").
//
// Raw HTML in Markdown is parsed (documents use <details>, <br>, <img width>), and everything
// markdown-it produces then passes sanitize-html with an allowlist: the sanitizer, not the
// Markdown parser, is what keeps script out, so a construct the parser lets through by
// mistake is still stopped.

/** One heading of a document. */
export interface OutlineEntry {
  readonly level: number;
  readonly text: string;
  /** The heading's `id` in the rendered HTML (GitHub's slugs: `#acceptance-criteria`, `#notes-1`). */
  readonly anchor: string;
}

export interface RenderedDocument {
  readonly html: string;
  readonly outline: OutlineEntry[];
}

/** One numbered item under an "Acceptance criteria" (验收标准) heading. */
export interface AcceptanceCriterion {
  /** `AC-<n>`: from an explicit `[AC-n]` at the start of the item, else from its position. */
  readonly id: string;
  /** The item's first paragraph as plain text, without its `[AC-n]` tag. */
  readonly text: string;
  /** Whether the id was written in the document (stable across edits) or given by position. */
  readonly explicit: boolean;
  /** 1-based line of the item in the Markdown source. */
  readonly line: number;
}

const markdown = new MarkdownIt({ html: true, linkify: true, typographer: false });

type Token = ReturnType<typeof markdown.parse>[number];

const renderFence = markdown.renderer.rules.fence!;
// Mermaid blocks stay text for the client's renderer; its `pre.mermaid` convention is what mermaid.run() looks for.
markdown.renderer.rules.fence = (tokens, index, options, env, renderer) => {
  const token = tokens[index]!;
  const language = token.info.trim().split(/\s+/)[0]?.toLowerCase();
  if (language === 'mermaid') return `<pre class="mermaid">${markdown.utils.escapeHtml(token.content)}</pre>\n`;
  return renderFence(tokens, index, options, env, renderer);
};

const HEADING_TAGS = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'];
const TEXT_ALIGNMENT = { 'text-align': [/^(left|right|center)$/] };
/** Raster images only: an SVG data URL can carry script when opened on its own. */
const SAFE_DATA_IMAGE = /^data:image\/(png|gif|jpeg|webp);base64,[a-z0-9+/=\s]*$/i;

/** The sanitizer's allowlist; heading ids are kept only when they are this render's anchors. */
function sanitizeOptions(anchors: ReadonlySet<string>): sanitizeHtml.IOptions {
  const keepOwnAnchor: sanitizeHtml.Transformer = (tagName, attribs) => {
    const { id, ...rest } = attribs;
    return { tagName, attribs: id !== undefined && anchors.has(id) ? { ...rest, id } : rest };
  };
  return {
    allowedTags: [
      ...HEADING_TAGS,
      'p',
      'br',
      'hr',
      'blockquote',
      'pre',
      'code',
      'em',
      'strong',
      'del',
      's',
      'a',
      'img',
      'ul',
      'ol',
      'li',
      'table',
      'thead',
      'tbody',
      'tr',
      'th',
      'td',
      'details',
      'summary',
      'sup',
      'sub',
      'kbd',
    ],
    allowedAttributes: {
      a: ['href', 'title', 'rel'],
      img: ['src', 'alt', 'title', 'width', 'height'],
      ol: ['start'],
      th: ['style'],
      td: ['style'],
      code: ['class'],
      pre: ['class'],
      ...Object.fromEntries(HEADING_TAGS.map((tag) => [tag, ['id']])),
    },
    allowedClasses: { code: ['language-*'], pre: ['mermaid'] },
    allowedStyles: { th: TEXT_ALIGNMENT, td: TEXT_ALIGNMENT },
    allowedSchemes: ['http', 'https', 'mailto'],
    allowedSchemesByTag: { img: ['http', 'https', 'data'] },
    allowedSchemesAppliedToAttributes: ['href', 'src', 'cite'],
    allowProtocolRelative: false,
    disallowedTagsMode: 'discard',
    transformTags: {
      a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, rel: 'noopener noreferrer' } }),
      img: (tagName, attribs) => {
        const { src, ...rest } = attribs;
        const unsafeData = src !== undefined && /^\s*data:/i.test(src) && !SAFE_DATA_IMAGE.test(src.trim());
        return { tagName, attribs: src === undefined || unsafeData ? rest : { ...rest, src } };
      },
      ...Object.fromEntries(HEADING_TAGS.map((tag) => [tag, keepOwnAnchor])),
    },
  };
}

/** The visible text of an inline token (formatting dropped, line breaks as spaces). */
function inlineText(token: Token | undefined): string {
  if (!token?.children) return token?.content ?? '';
  return token.children
    .map((child) => {
      if (child.type === 'text' || child.type === 'code_inline' || child.type === 'image') return child.content;
      if (child.type === 'softbreak' || child.type === 'hardbreak') return ' ';
      return '';
    })
    .join('')
    .trim();
}

/** GitHub's heading slug: lower case, punctuation and symbols dropped, each space a hyphen. */
function githubSlug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
    .replace(/ /g, '-');
}

/** Unique anchors in document order: a repeated slug gets `-1`, `-2`, … as on GitHub. */
function anchorAllocator(): (text: string) => string {
  const occurrences = new Map<string, number>();
  return (text) => {
    // A heading of punctuation only would get an empty id; it gets a word instead.
    const base = githubSlug(text) || 'section';
    let anchor = base;
    while (occurrences.has(anchor)) {
      const count = occurrences.get(base)! + 1;
      occurrences.set(base, count);
      anchor = `${base}-${count}`;
    }
    occurrences.set(anchor, 0);
    return anchor;
  };
}

/** Parses a document and gives each heading its anchor (as an `id` on the heading's token). */
function parseWithAnchors(source: string): { tokens: Token[]; outline: OutlineEntry[] } {
  const tokens = markdown.parse(source, {});
  const allocate = anchorAllocator();
  const outline: OutlineEntry[] = [];
  tokens.forEach((token, index) => {
    if (token.type !== 'heading_open') return;
    const text = inlineText(tokens[index + 1]);
    const anchor = allocate(text);
    token.attrSet('id', anchor);
    outline.push({ level: Number(token.tag.slice(1)), text, anchor });
  });
  return { tokens, outline };
}

/** A Markdown document as sanitized HTML, with its outline (the anchors are the headings' ids). */
export function renderMarkdown(source: string): RenderedDocument {
  const { tokens, outline } = parseWithAnchors(source);
  const unsafe = markdown.renderer.render(tokens, markdown.options, {});
  const html = sanitizeHtml(unsafe, sanitizeOptions(new Set(outline.map((entry) => entry.anchor))));
  return { html, outline };
}

/** The headings of a Markdown document with their anchors, as `renderMarkdown` gives them. */
export function documentOutline(source: string): OutlineEntry[] {
  return parseWithAnchors(source).outline;
}

const ACCEPTANCE_HEADING = /^(acceptance criteria|验收标准)\s*[:：]?$/i;
const EXPLICIT_ID = /^\[(ac-\d+)\]\s*/i;

interface CriterionDraft {
  readonly text: string;
  readonly explicitId: string | undefined;
  readonly line: number;
}

/** The top-level items of ordered lists in the sections headed "Acceptance criteria" or "验收标准". */
function criterionDrafts(tokens: readonly Token[]): CriterionDraft[] {
  const drafts: CriterionDraft[] = [];
  let sectionLevel: number | undefined;
  const lists: string[] = [];
  tokens.forEach((token, index) => {
    if (token.type === 'heading_open') {
      const level = Number(token.tag.slice(1));
      if (sectionLevel !== undefined && level <= sectionLevel) sectionLevel = undefined;
      if (ACCEPTANCE_HEADING.test(inlineText(tokens[index + 1]))) sectionLevel = level;
      return;
    }
    if (token.type === 'ordered_list_open' || token.type === 'bullet_list_open') lists.push(token.type);
    if (token.type === 'ordered_list_close' || token.type === 'bullet_list_close') lists.pop();
    const topLevelNumberedItem =
      token.type === 'list_item_open' && lists.length === 1 && lists[0] === 'ordered_list_open';
    if (sectionLevel === undefined || !topLevelNumberedItem) return;
    const firstInline = tokens.slice(index + 1).find((next) => next.type === 'inline');
    const text = inlineText(firstInline);
    const explicit = EXPLICIT_ID.exec(text);
    drafts.push({
      text: explicit ? text.slice(explicit[0].length) : text,
      explicitId: explicit?.[1]?.toUpperCase(),
      line: (token.map?.[0] ?? 0) + 1,
    });
  });
  return drafts;
}

/**
 * The acceptance criteria of a requirement, each with a stable id. An item that starts with
 * `[AC-n]` has that id for good, whatever is inserted or removed around it (the requirement
 * template writes these tags). An item without one is `AC-<its position>`, which holds only
 * while no item is inserted or removed above it; when that id is already written on another
 * item (or a tag is repeated), it takes the lowest free number.
 */
export function acceptanceCriteria(source: string): AcceptanceCriterion[] {
  const drafts = criterionDrafts(markdown.parse(source, {}));
  const taken = new Set<string>();
  const explicitOwner = new Map<string, CriterionDraft>();
  for (const draft of drafts) {
    if (draft.explicitId && !explicitOwner.has(draft.explicitId)) {
      explicitOwner.set(draft.explicitId, draft);
      taken.add(draft.explicitId);
    }
  }
  const lowestFree = (): string => {
    let number = 1;
    while (taken.has(`AC-${number}`)) number++;
    return `AC-${number}`;
  };
  return drafts.map((draft, index) => {
    if (draft.explicitId && explicitOwner.get(draft.explicitId) === draft) {
      return { id: draft.explicitId, text: draft.text, explicit: true, line: draft.line };
    }
    const positional = `AC-${index + 1}`;
    const id = taken.has(positional) ? lowestFree() : positional;
    taken.add(id);
    return { id, text: draft.text, explicit: false, line: draft.line };
  });
}
