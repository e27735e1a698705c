import { text as escapeHtml } from '#shared/reports/page';
import { tokenizeWithOffsets } from '#shared/search/tokenizer';

// Highlighted snippets: the window of a text where most of the matched terms are, as HTML with
// the matches in <mark> and everything else escaped (the text is a user's).

/** Characters of text a snippet shows around its matches. */
export const SNIPPET_LENGTH = 160;
/** How far before the first match in the window the snippet starts, so the match has context. */
const LEADING_CONTEXT = 40;
/** How far an edge moves to avoid cutting a word in two. */
const WORD_SNAP_LIMIT = 15;
/** Text tokenized beyond the window on each side, so that words at its edges are whole. */
const REGION_MARGIN = 40;
/** Occurrences of one term considered when placing the window. */
const OCCURRENCES_PER_TERM = 20;

interface MarkedSpan {
  start: number;
  end: number;
  readonly terms: Set<string>;
}

/** The spans of `text` whose terms are among `matchedTerms`, touching ones merged (CJK bigrams overlap), shifted by `offset`. */
function markedSpans(text: string, matchedTerms: ReadonlySet<string>, offset = 0): MarkedSpan[] {
  const spans: MarkedSpan[] = [];
  // CJK words come before their run's bigrams in the token list: order by position first.
  const matched = tokenizeWithOffsets(text)
    .filter((token) => matchedTerms.has(token.term))
    .sort((a, b) => a.start - b.start || b.end - a.end);
  for (const token of matched) {
    const last = spans[spans.length - 1];
    if (last && token.start <= last.end) {
      last.end = Math.max(last.end, token.end);
      last.terms.add(token.term);
    } else {
      spans.push({ start: token.start, end: token.end, terms: new Set([token.term]) });
    }
  }
  for (const span of spans) {
    span.start += offset;
    span.end += offset;
  }
  return spans;
}

/** The index of the span that starts the window holding the most distinct matched terms (then the most spans). */
function bestWindowStart(spans: readonly MarkedSpan[], length: number): number {
  let best = 0;
  let bestDistinct = -1;
  let bestCount = -1;
  for (let first = 0; first < spans.length; first++) {
    const limit = spans[first]!.start + length;
    const terms = new Set<string>();
    let count = 0;
    for (let index = first; index < spans.length && spans[index]!.end <= limit; index++) {
      for (const term of spans[index]!.terms) terms.add(term);
      count++;
    }
    if (terms.size > bestDistinct || (terms.size === bestDistinct && count > bestCount)) {
      best = first;
      bestDistinct = terms.size;
      bestCount = count;
    }
  }
  return best;
}

const WORD_CHARACTER = /[\p{L}\p{N}_]/u;

/** Moves `position` towards `direction` to a non-word boundary, within WORD_SNAP_LIMIT and not past `bound`. */
function snapToWordBoundary(text: string, position: number, direction: 1 | -1, bound: number): number {
  const insideWord = (at: number): boolean =>
    at > 0 && at < text.length && WORD_CHARACTER.test(text[at - 1]!) && WORD_CHARACTER.test(text[at]!);
  let moved = position;
  for (let step = 0; step < WORD_SNAP_LIMIT && insideWord(moved); step++) {
    const next = moved + direction;
    if ((direction === 1 && next > bound) || (direction === -1 && next < bound)) return position;
    moved = next;
  }
  return insideWord(moved) ? position : moved;
}

/** `text[start, end)` as HTML: escaped, with the spans inside it in <mark>. */
function markUp(text: string, spans: readonly MarkedSpan[], start: number, end: number): string {
  let html = '';
  let position = start;
  for (const span of spans) {
    if (span.end <= start || span.start >= end) continue;
    const spanStart = Math.max(span.start, start);
    const spanEnd = Math.min(span.end, end);
    html += `${escapeHtml(text.slice(position, spanStart))}<mark>${escapeHtml(text.slice(spanStart, spanEnd))}</mark>`;
    position = spanEnd;
  }
  return html + escapeHtml(text.slice(position, end));
}

/** The whole of `text` as HTML with the matched terms in <mark> (titles). */
export function highlightText(text: string, matchedTerms: ReadonlySet<string>): string {
  return markUp(text, markedSpans(text, matchedTerms), 0, text.length);
}

/**
 * A window of about `length` characters of `text` around its best matches, as HTML with the
 * matched terms in <mark>, an ellipsis where text was cut; the start of the text when nothing
 * in it matched (the item matched by its title or tags).
 */
export function highlightSnippet(text: string, matchedTerms: ReadonlySet<string>, length = SNIPPET_LENGTH): string {
  if (text.length <= length) return markUp(text, markedSpans(text, matchedTerms), 0, text.length);
  // Segmenting the whole text of every hit would be most of a query's time: find the region by
  // plain substring search, then tokenize only that region to mark whole terms.
  const region = approximateRegionStart(text, matchedTerms, length);
  const regionStart = Math.max(0, region - LEADING_CONTEXT - REGION_MARGIN);
  const regionEnd = Math.min(text.length, region + length + REGION_MARGIN);
  const spans = markedSpans(text.slice(regionStart, regionEnd), matchedTerms, regionStart);
  let start = regionStart === 0 ? 0 : regionStart + REGION_MARGIN;
  if (spans.length > 0) {
    const firstSpan = spans[bestWindowStart(spans, length)]!;
    start = Math.max(0, Math.min(firstSpan.start - LEADING_CONTEXT, text.length - length));
    start = snapToWordBoundary(text, start, 1, firstSpan.start);
  }
  let end = Math.min(text.length, start + length);
  end = snapToWordBoundary(text, end, -1, start);
  const body = markUp(text, spans, start, end).trim();
  return `${start > 0 ? '…' : ''}${body}${end < text.length ? '…' : ''}`;
}

/** Where the window with the most matched terms starts, judged by substring occurrences (0 when none is found). */
function approximateRegionStart(text: string, matchedTerms: ReadonlySet<string>, length: number): number {
  const lowerCase = text.toLowerCase();
  const occurrences: MarkedSpan[] = [];
  for (const term of matchedTerms) {
    let at = lowerCase.indexOf(term);
    for (let count = 0; at >= 0 && count < OCCURRENCES_PER_TERM; count++) {
      occurrences.push({ start: at, end: at + term.length, terms: new Set([term]) });
      at = lowerCase.indexOf(term, at + term.length);
    }
  }
  if (occurrences.length === 0) return 0;
  occurrences.sort((a, b) => a.start - b.start);
  return occurrences[bestWindowStart(occurrences, length)]!.start;
}
