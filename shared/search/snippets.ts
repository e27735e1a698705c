import { text as escapeHtml } from '#shared/reports/page';
import { isCjkTerm } from '#shared/search/tokenizer';

// Highlighted snippets: the window of a text where most of the matched terms are, as HTML with
// the matches in <mark> and everything else escaped (the text is a user's).
//
// The matched terms are the index's own terms of this text (lower case), so they are found again
// by substring search in the lower-cased text, a Latin term only where it is a whole word. No
// segmentation runs here: segmenting each hit's text was most of a query's CPU (docs/search.md).
// Text whose lower case changes its length (a rare letter like `İ`) and terms that NFKC changed
// (full-width letters) are shown unmarked.

/** Characters of text a snippet shows around its matches. */
export const SNIPPET_LENGTH = 160;
/** How far before the first match in the window the snippet starts, so the match has context. */
const LEADING_CONTEXT = 40;
/** How far an edge moves to avoid cutting a word in two. */
const WORD_SNAP_LIMIT = 15;
/** Occurrences of one term marked in a text (a snippet shows a few; a title has fewer). */
const OCCURRENCES_PER_TERM = 50;

interface MarkedSpan {
  start: number;
  end: number;
  readonly terms: Set<string>;
}

const WORD_CHARACTER = /[\p{L}\p{N}_]/u;

/** Whether `text[start, end)` is a whole word: no letter or digit joins it on either side. */
function isWholeWord(text: string, start: number, end: number): boolean {
  const before = text[start - 1];
  const after = text[end];
  return (before === undefined || !WORD_CHARACTER.test(before)) && (after === undefined || !WORD_CHARACTER.test(after));
}

/** The places of `matchedTerms` in `text`, touching ones merged (CJK bigrams overlap), in order. */
function markedSpans(text: string, matchedTerms: ReadonlySet<string>): MarkedSpan[] {
  const lowerCase = text.toLowerCase();
  if (lowerCase.length !== text.length) return [];
  const found: MarkedSpan[] = [];
  for (const term of matchedTerms) {
    const cjk = isCjkTerm(term);
    let at = lowerCase.indexOf(term);
    for (let count = 0; at >= 0 && count < OCCURRENCES_PER_TERM; at = lowerCase.indexOf(term, at + 1)) {
      if (cjk || isWholeWord(lowerCase, at, at + term.length)) {
        found.push({ start: at, end: at + term.length, terms: new Set([term]) });
        count++;
      }
    }
  }
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const spans: MarkedSpan[] = [];
  for (const span of found) {
    const last = spans[spans.length - 1];
    if (last && span.start <= last.end) {
      last.end = Math.max(last.end, span.end);
      for (const term of span.terms) last.terms.add(term);
    } else {
      spans.push(span);
    }
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
  const spans = markedSpans(text, matchedTerms);
  if (text.length <= length) return markUp(text, spans, 0, text.length);
  let start = 0;
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
