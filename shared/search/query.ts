import type { Query } from 'minisearch';
import { isCjkTerm, type QueryGroup, queryGroups } from '#shared/search/tokenizer';

// How a query text becomes a MiniSearch query tree, and which terms tolerate typos and
// prefixes (docs/search.md "Matching").

/** Latin terms shorter than this are matched exactly: a typo allowance on `ci` or `api` matches noise. */
const MIN_FUZZY_LENGTH = 4;
/** From this length a term tolerates two edits; below it (and from MIN_FUZZY_LENGTH) one. */
const TWO_EDITS_LENGTH = 8;
/** A one-letter prefix would expand to a large part of the vocabulary. */
const MIN_PREFIX_LENGTH = 2;

/** Edit distance a query term tolerates: none for CJK and short terms, 1 from 4 letters, 2 from 8. */
export function fuzzyDistance(term: string): number | false {
  if (isCjkTerm(term) || term.length < MIN_FUZZY_LENGTH) return false;
  return term.length < TWO_EDITS_LENGTH ? 1 : 2;
}

/**
 * Whether a query term also matches longer index terms it starts: Latin terms of two letters
 * or more (`deploy` finds `deployment`), and a lone CJK character (the only CJK query that is
 * not made of whole bigrams).
 */
export function allowsPrefix(term: string): boolean {
  if (isCjkTerm(term)) return [...term].length === 1;
  return term.length >= MIN_PREFIX_LENGTH;
}

/** The query of one group: a CJK run matches by all its dictionary words or by all its bigrams. */
function groupQuery(group: QueryGroup): Query {
  if (group.kind === 'word') return group.term;
  if (group.bigrams.length === 1) return group.bigrams[0]!;
  const byBigrams: Query = { combineWith: 'AND', queries: [...group.bigrams] };
  if (group.words.length === 0) return byBigrams;
  return { combineWith: 'OR', queries: [{ combineWith: 'AND', queries: [...group.words] }, byBigrams] };
}

/**
 * The MiniSearch query for a text: every typed word must match (`AND`), or, with `'OR'`, any
 * word (the fallback when no item matches all of them). Undefined when the text has no word.
 */
export function buildQuery(text: string, combineWith: 'AND' | 'OR'): Query | undefined {
  const groups = queryGroups(text);
  if (groups.length === 0) return undefined;
  return { combineWith, queries: groups.map(groupQuery) };
}
