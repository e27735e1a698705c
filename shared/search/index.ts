import { createHash } from 'node:crypto';
import MiniSearch, { type Options, type SearchResult } from 'minisearch';
import { invalidCursorError } from '#shared/data/cursor';
import { SEARCH_ITEM_TYPES, type SearchItemType } from '#shared/search/item-types';
import { allowsPrefix, buildQuery, fuzzyDistance } from '#shared/search/query';
import { highlightSnippet, highlightText } from '#shared/search/snippets';
import { tokenize } from '#shared/search/tokenizer';

// One project's search index: every searchable item of the project in one MiniSearch index,
// kept in S3 as JSON and changed by the event consumer (docs/search.md).

export { SEARCH_ITEM_TYPES, type SearchItemType } from '#shared/search/item-types';

/** One searchable item, as the event consumer builds it from a domain record. */
export interface SearchItem {
  readonly type: SearchItemType;
  readonly id: string;
  readonly projectId: string;
  readonly title: string;
  readonly text: string;
  readonly tags?: readonly string[];
  /** ISO 8601; changes with every version of the item, so a late or repeated event is recognised. */
  readonly updatedAt: string;
}

export interface SearchItemRef {
  readonly type: SearchItemType;
  readonly id: string;
}

export interface SearchRequest {
  readonly q: string;
  /** Only items of these types (the facets still count every type). */
  readonly types?: readonly SearchItemType[];
  readonly limit?: number;
  /** `nextCursor` of the previous page of the same query. */
  readonly cursor?: string;
}

export interface SearchHit {
  readonly type: SearchItemType;
  readonly id: string;
  readonly title: string;
  /** The title as HTML, matched terms in <mark>, the rest escaped. */
  readonly titleHtml: string;
  /** A window of the text around the best matches, as HTML like `titleHtml`. */
  readonly snippet: string;
  readonly tags: readonly string[];
  readonly updatedAt: string;
  readonly score: number;
}

export interface SearchPage {
  readonly items: SearchHit[];
  /** Matches per type over the whole match set of the query, before the type filter. */
  readonly facets: Record<SearchItemType, number>;
  /** Matches after the type filter, over all pages. */
  readonly total: number;
  readonly nextCursor: string | null;
}

/** Whether an event changed the index: `ignored` for a repeated or out-of-date one. */
export type ApplyOutcome = 'applied' | 'ignored';

/**
 * Bumped whenever the tokenizer, the fields or the stored shape change: an index stored in
 * another format is not read (`deserialize` answers undefined) and the project is reindexed.
 */
export const SEARCH_INDEX_FORMAT_VERSION = 1;

/**
 * MiniSearch's BM25+ parameters (its defaults, written down): k saturates term frequency (a
 * term's tenth occurrence adds little), b normalises by field length (0.7: a long document is
 * penalised, a bit less than Lucene's 0.75), d is BM25+'s lower bound for a matching term in a
 * very long field.
 */
export const BM25_PARAMETERS = { k: 1.2, b: 0.7, d: 0.5 } as const;
/** A match in the title weighs three times one in the text, a tag twice. */
export const FIELD_BOOSTS = { title: 3, tags: 2, text: 1 } as const;
/** Characters of an item's text kept in the index for snippets (the whole text is indexed). */
export const SNIPPET_SOURCE_LENGTH = 10_000;
export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

/** The document MiniSearch indexes: `tags` joined for indexing, the list and an excerpt stored for display. */
interface IndexedItem {
  readonly key: string;
  readonly type: SearchItemType;
  readonly id: string;
  readonly title: string;
  readonly text: string;
  readonly tags: string;
  readonly tagList: readonly string[];
  readonly excerpt: string;
  readonly updatedAt: string;
}

type StoredItem = Pick<IndexedItem, 'type' | 'id' | 'title' | 'tagList' | 'excerpt' | 'updatedAt'>;

const MINISEARCH_OPTIONS: Options<IndexedItem> = {
  idField: 'key',
  fields: ['title', 'tags', 'text'],
  storeFields: ['type', 'id', 'title', 'tagList', 'excerpt', 'updatedAt'],
  tokenize,
  // The tokenizer already normalises (NFKC, lower case).
  processTerm: (term) => term,
  // Vacuuming runs before serialising instead: a Lambda must not leave timers behind.
  autoVacuum: false,
  searchOptions: {
    boost: FIELD_BOOSTS,
    bm25: BM25_PARAMETERS,
    prefix: allowsPrefix,
    // Query leaves are terms already (shared/search/query.ts).
    tokenize: (term) => [term],
    processTerm: (term) => term,
  },
};

interface SerializedIndex {
  readonly formatVersion: number;
  readonly projectId: string;
  /** Removed items and when: a late update older than its removal does not bring it back. */
  readonly tombstones: Record<string, string>;
  readonly index: Parameters<typeof MiniSearch.loadJS>[0];
}

function itemKey(ref: SearchItemRef): string {
  return `${ref.type}:${ref.id}`;
}

function timeOf(iso: string): number {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) throw new Error(`Search index: not an ISO timestamp: ${iso}`);
  return time;
}

/** A place in the total order of hits: a hit's score and key (`<type>:<id>`). */
export interface SearchPosition {
  readonly score: number;
  readonly key: string;
}

/** A cursor is the last hit's (score, key) and a fingerprint of the query it belongs to. */
function queryFingerprint(request: SearchRequest): string {
  const types = [...(request.types ?? [])].sort();
  return createHash('sha256')
    .update(JSON.stringify([request.q, types]))
    .digest('base64url')
    .slice(0, 16);
}

function encodeCursor(position: SearchPosition, fingerprint: string): string {
  return Buffer.from(JSON.stringify([position.score, position.key, fingerprint])).toString('base64url');
}

function decodeCursor(cursor: string, fingerprint: string): SearchPosition {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursorError();
  }
  if (!Array.isArray(decoded) || decoded.length !== 3) throw invalidCursorError();
  const [score, key, issuedFor] = decoded as unknown[];
  if (typeof score !== 'number' || typeof key !== 'string' || issuedFor !== fingerprint) throw invalidCursorError();
  return { score, key };
}

/** Best first; equal scores by key, so the order (and every cursor) is total and stable. */
function byScoreThenKey(a: SearchResult, b: SearchResult): number {
  return b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

function emptyFacets(): Record<SearchItemType, number> {
  return Object.fromEntries(SEARCH_ITEM_TYPES.map((type) => [type, 0])) as Record<SearchItemType, number>;
}

/** One project's search index: idempotent changes, ranked and highlighted search, JSON for S3. */
export class ProjectSearchIndex {
  private constructor(
    readonly projectId: string,
    private readonly miniSearch: MiniSearch<IndexedItem>,
    private readonly tombstones: Map<string, string>,
  ) {}

  /** An empty index for a project. */
  static create(projectId: string): ProjectSearchIndex {
    return new ProjectSearchIndex(projectId, new MiniSearch(MINISEARCH_OPTIONS), new Map());
  }

  /** Reads an index written by `serialize`; undefined when it is in another format (reindex the project). */
  static deserialize(json: string): ProjectSearchIndex | undefined {
    const stored = JSON.parse(json) as SerializedIndex;
    if (stored.formatVersion !== SEARCH_INDEX_FORMAT_VERSION) return undefined;
    const miniSearch = MiniSearch.loadJS<IndexedItem>(stored.index, MINISEARCH_OPTIONS);
    return new ProjectSearchIndex(stored.projectId, miniSearch, new Map(Object.entries(stored.tombstones)));
  }

  /** Items in the index. */
  get size(): number {
    return this.miniSearch.documentCount;
  }

  /** Whether the index holds the item. */
  has(ref: SearchItemRef): boolean {
    return this.miniSearch.has(itemKey(ref));
  }

  /**
   * Adds or replaces an item. Ignored when the index already holds this version or a newer
   * one, or the item was removed at or after `updatedAt`: applying an event twice, or after a
   * later one, changes nothing.
   */
  upsert(item: SearchItem): ApplyOutcome {
    if (item.projectId !== this.projectId) {
      throw new Error(`Search index of project ${this.projectId} given an item of project ${item.projectId}`);
    }
    const key = itemKey(item);
    const updatedAt = timeOf(item.updatedAt);
    const removedAt = this.tombstones.get(key);
    if (removedAt !== undefined && timeOf(removedAt) >= updatedAt) return 'ignored';
    const stored = this.storedItem(key);
    if (stored && timeOf(stored.updatedAt) >= updatedAt) return 'ignored';
    if (stored) this.miniSearch.discard(key);
    this.tombstones.delete(key);
    const tagList = [...(item.tags ?? [])];
    this.miniSearch.add({
      key,
      type: item.type,
      id: item.id,
      title: item.title,
      text: item.text,
      tags: tagList.join(' '),
      tagList,
      excerpt: item.text.slice(0, SNIPPET_SOURCE_LENGTH),
      updatedAt: item.updatedAt,
    });
    return 'applied';
  }

  /** Removes an item as of `removedAt`; ignored when the index holds a newer version or a later removal. */
  remove(ref: SearchItemRef, removedAt: string): ApplyOutcome {
    const key = itemKey(ref);
    const removedTime = timeOf(removedAt);
    const stored = this.storedItem(key);
    if (stored && timeOf(stored.updatedAt) > removedTime) return 'ignored';
    const earlierRemoval = this.tombstones.get(key);
    if (!stored && earlierRemoval !== undefined && timeOf(earlierRemoval) >= removedTime) return 'ignored';
    if (stored) this.miniSearch.discard(key);
    this.tombstones.set(key, removedAt);
    return 'applied';
  }

  /** One page of the items matching `q`, best first, with facets by type and the cursor of the next page. */
  search(request: SearchRequest): SearchPage {
    const fingerprint = queryFingerprint(request);
    const after = request.cursor === undefined ? undefined : decodeCursor(request.cursor, fingerprint);
    const page = this.searchAfter(request, after);
    const last = page.items[page.items.length - 1];
    return {
      items: page.items.map(({ key: _key, ...hit }) => hit),
      facets: page.facets,
      total: page.total,
      nextCursor: last && page.hasMore ? encodeCursor({ score: last.score, key: last.key }, fingerprint) : null,
    };
  }

  /**
   * One page of the matches that come after `after` in the total order (score descending,
   * then key), each with its key: what `search` pages with, and what a search over several
   * projects merges (it keeps its own cursor over all of them).
   */
  searchAfter(
    request: Omit<SearchRequest, 'cursor'>,
    after?: SearchPosition,
  ): Omit<SearchPage, 'items' | 'nextCursor'> & { items: Array<SearchHit & { key: string }>; hasMore: boolean } {
    const matches = this.match(request.q);
    const facets = emptyFacets();
    for (const match of matches) facets[match.type as SearchItemType]++;
    const types = request.types && request.types.length > 0 ? new Set(request.types) : undefined;
    const selected = types ? matches.filter((match) => types.has(match.type)) : matches;
    const remaining = after
      ? selected.filter((match) => match.score < after.score || (match.score === after.score && match.id > after.key))
      : selected;
    const limit = Math.min(Math.max(1, request.limit ?? DEFAULT_PAGE_SIZE), MAX_PAGE_SIZE);
    return {
      items: remaining.slice(0, limit).map((match) => ({ ...toHit(match), key: match.id as string })),
      facets,
      total: selected.length,
      hasMore: remaining.length > limit,
    };
  }

  /** The index as compact JSON, with its format version, for S3. */
  async serialize(): Promise<string> {
    // Discarded items leave their terms behind until vacuumed; never wait between batches.
    if (this.miniSearch.dirtCount > 0) await this.miniSearch.vacuum({ batchSize: Number.MAX_SAFE_INTEGER });
    const serialized: SerializedIndex = {
      formatVersion: SEARCH_INDEX_FORMAT_VERSION,
      projectId: this.projectId,
      tombstones: Object.fromEntries(this.tombstones),
      index: this.miniSearch.toJSON(),
    };
    return JSON.stringify(serialized);
  }

  /** Every match of `q`, in page order: items matching all its words, or any word when none matches all. */
  private match(q: string): SearchResult[] {
    const everyWord = buildQuery(q, 'AND');
    if (!everyWord) return [];
    const options = { fuzzy: (term: string) => (this.isIndexedTerm(term) ? false : fuzzyDistance(term)) };
    let results = this.miniSearch.search(everyWord, options);
    const severalWords = typeof everyWord === 'object' && 'queries' in everyWord && everyWord.queries.length > 1;
    if (results.length === 0 && severalWords) results = this.miniSearch.search(buildQuery(q, 'OR')!, options);
    return results.sort(byScoreThenKey);
  }

  /**
   * Whether the project's texts contain `term` as it is. Such a term is taken as written: typo
   * tolerance is for words the project does not have (`pipline`), and the edit-distance walk
   * over the whole vocabulary is the most expensive part of a query. MiniSearch has no public
   * lookup of a term, so this reads its term tree (pinned version; the tolerance tests fail if
   * its shape changes, and without the tree every term is fuzzed as before).
   */
  private isIndexedTerm(term: string): boolean {
    const terms = (this.miniSearch as unknown as { _index?: { has?: (term: string) => boolean } })._index;
    return typeof terms?.has === 'function' && terms.has(term);
  }

  private storedItem(key: string): StoredItem | undefined {
    return this.miniSearch.getStoredFields(key) as StoredItem | undefined;
  }
}

function toHit(result: SearchResult): SearchHit {
  const stored = result as unknown as SearchResult & StoredItem;
  const matchedTerms = new Set(result.terms);
  return {
    type: stored.type,
    id: stored.id,
    title: stored.title,
    titleHtml: highlightText(stored.title, matchedTerms),
    snippet: highlightSnippet(stored.excerpt, matchedTerms),
    tags: stored.tagList,
    updatedAt: stored.updatedAt,
    score: result.score,
  };
}
