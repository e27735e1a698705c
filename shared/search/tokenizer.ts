// One tokenizer for indexing and for queries, so that a query term and an indexed term are
// always produced by the same rules (docs/search.md "Tokenizer").
//
// Latin (and every non-CJK script): the runtime's word segmentation (`Intl.Segmenter`,
// Unicode UAX #29), each word NFKC-normalized (full-width letters, ligatures) and lower-cased.
// CJK: the segmenter's dictionary words are kept, and every run of consecutive CJK characters
// is also indexed as overlapping bigrams. The bigrams carry recall: ICU's dictionary splits
// `流水线` into `流水`+`线` and `网关` into `网`+`关`, and splits the same phrase differently
// in different contexts, so words alone would miss; bigrams are what Lucene's CJKAnalyzer and
// Elasticsearch's `cjk_bigram` index for the same reason. The last character of each run is
// also indexed alone, so that every CJK character starts some indexed term and a one-character
// query finds it by prefix.

/** A term of the index with the span of the original text it came from (bigrams are built on spans). */
interface Token {
  readonly term: string;
  readonly start: number;
  readonly end: number;
}

// Segmenting with a Chinese locale selects the CJK dictionary; Latin words segment the same in any locale.
const wordSegmenter = new Intl.Segmenter('zh', { granularity: 'word' });

const CJK_CHARACTER = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const CJK_OR_OTHER_PIECES =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]+|[^\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]+/gu;

/** Whether a term is CJK text (such terms are never fuzzed: one edit makes another word). */
export function isCjkTerm(term: string): boolean {
  return CJK_CHARACTER.test(term);
}

/** The normal form of a term: NFKC, lower case. */
export function normalizeTerm(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

interface Piece {
  readonly text: string;
  readonly start: number;
  readonly cjk: boolean;
}

/** The word-like segments of `text`, split further where a segment mixes CJK and other scripts (`API网关`). */
function wordPieces(text: string): Piece[] {
  const pieces: Piece[] = [];
  for (const segment of wordSegmenter.segment(text)) {
    if (!segment.isWordLike) continue;
    for (const match of segment.segment.matchAll(CJK_OR_OTHER_PIECES)) {
      const pieceText = match[0];
      if (!/[\p{L}\p{N}]/u.test(pieceText)) continue;
      pieces.push({ text: pieceText, start: segment.index + match.index, cjk: isCjkTerm(pieceText) });
    }
  }
  return pieces;
}

/** Overlapping bigrams of one run of consecutive CJK characters, plus its last character alone. */
function cjkRunTokens(text: string, runStart: number, runEnd: number): Token[] {
  const characters = [...text.slice(runStart, runEnd)];
  const tokens: Token[] = [];
  let offset = runStart;
  for (let index = 0; index < characters.length; index++) {
    const character = characters[index]!;
    const next = characters[index + 1];
    if (next !== undefined) {
      tokens.push({
        term: normalizeTerm(character + next),
        start: offset,
        end: offset + character.length + next.length,
      });
    } else {
      tokens.push({ term: normalizeTerm(character), start: offset, end: offset + character.length });
    }
    offset += character.length;
  }
  return tokens;
}

/** The index terms of `text`, each with the span it covers. */
function tokenizeWithOffsets(text: string): Token[] {
  const tokens: Token[] = [];
  const pieces = wordPieces(text);
  let runStart = -1;
  let runEnd = -1;
  const closeRun = (): void => {
    if (runStart >= 0) tokens.push(...cjkRunTokens(text, runStart, runEnd));
    runStart = -1;
  };
  for (const piece of pieces) {
    const end = piece.start + piece.text.length;
    if (!piece.cjk) {
      closeRun();
      tokens.push({ term: normalizeTerm(piece.text), start: piece.start, end });
      continue;
    }
    // A dictionary word of two or more characters is a term of its own (its bigrams come with the run).
    if ([...piece.text].length > 1) tokens.push({ term: normalizeTerm(piece.text), start: piece.start, end });
    if (runStart >= 0 && piece.start === runEnd) runEnd = end;
    else {
      closeRun();
      runStart = piece.start;
      runEnd = end;
    }
  }
  closeRun();
  return tokens;
}

/** The index terms of `text` (MiniSearch's `tokenize`). */
export function tokenize(text: string): string[] {
  return tokenizeWithOffsets(text).map((token) => token.term);
}

/**
 * What a query asks for, one group per word the user typed: a Latin word is one term; a run of
 * CJK characters is its dictionary words and its bigrams (either set matching counts as a match
 * of the run, shared/search/query.ts). Built from the same segmentation as the index.
 */
export type QueryGroup =
  | { readonly kind: 'word'; readonly term: string }
  | { readonly kind: 'cjk'; readonly words: readonly string[]; readonly bigrams: readonly string[] };

/** The groups of a query text, in order, without repeats. */
export function queryGroups(query: string): QueryGroup[] {
  const groups: QueryGroup[] = [];
  const seen = new Set<string>();
  const add = (group: QueryGroup, key: string): void => {
    if (seen.has(key)) return;
    seen.add(key);
    groups.push(group);
  };
  let run: Piece[] = [];
  const closeRun = (): void => {
    if (run.length === 0) return;
    const start = run[0]!.start;
    const last = run[run.length - 1]!;
    const runText = query.slice(start, last.start + last.text.length);
    const characters = [...runText];
    const bigrams =
      characters.length === 1
        ? [normalizeTerm(runText)]
        : characters.slice(0, -1).map((character, index) => normalizeTerm(character + characters[index + 1]));
    // As in the index, a one-character dictionary word is no term of its own (its bigrams cover it).
    const words = run.filter((piece) => [...piece.text].length > 1).map((piece) => normalizeTerm(piece.text));
    add({ kind: 'cjk', words: [...new Set(words)], bigrams: [...new Set(bigrams)] }, `cjk:${normalizeTerm(runText)}`);
    run = [];
  };
  for (const piece of wordPieces(query)) {
    if (!piece.cjk) {
      closeRun();
      const term = normalizeTerm(piece.text);
      add({ kind: 'word', term }, `word:${term}`);
      continue;
    }
    const previous = run[run.length - 1];
    if (previous && previous.start + previous.text.length !== piece.start) closeRun();
    run.push(piece);
  }
  closeRun();
  return groups;
}
