import MarkdownIt from 'markdown-it';
import type { SearchItem, SearchItemType } from '#shared/search/index';

// What each kind of resource contributes to the search index: pure mappings from the stored
// item (as DynamoDB holds it) to a SearchItem. The consumer reads the item on each event
// (shared/search/indexing.ts); a reindex reads every item of the project by these prefixes.

/** A stored item as the table answers it. */
export type StoredItem = Record<string, unknown>;

/** What a mapping needs besides the item: the project's key (documents are `DE-12`) and a document's body. */
export interface ItemContext {
  readonly projectKey: string;
  /** The latest body of a document item (markdown or OpenAPI source). */
  readonly body?: string;
}

interface ItemSource {
  /** The sort-key prefix of the resource's items in the project's partition. */
  readonly prefix: string;
  readonly toItem: (stored: StoredItem, projectId: string, context: ItemContext) => SearchItem;
}

const markdown = new MarkdownIt({ html: false });

/**
 * The words of a Markdown text without its markup: the content of its text, code and fence
 * tokens, one line each, so headings and list items do not run together.
 */
export function markdownText(source: string): string {
  const lines: string[] = [];
  const visit = (tokens: ReturnType<typeof markdown.parse>) => {
    for (const token of tokens) {
      if (token.children) visit(token.children);
      else if (
        token.type === 'text' ||
        token.type === 'code_inline' ||
        token.type === 'fence' ||
        token.type === 'code_block'
      ) {
        if (token.content.trim() !== '') lines.push(token.content);
      }
    }
  };
  visit(markdown.parse(source, {}));
  return lines.join('\n');
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');
const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((entry): entry is string => typeof entry === 'string') : [];
const words = (...parts: unknown[]): string =>
  parts
    .map((part) => (typeof part === 'number' ? String(part) : text(part)))
    .filter((part) => part !== '')
    .join('\n');
/** The item's version time: `updatedAt`, else `createdAt` (records written before either). */
const versionTime = (stored: StoredItem): string => text(stored.updatedAt) || text(stored.createdAt);

/** Where each type's items are and how they read. */
export const ITEM_SOURCES: Record<SearchItemType, ItemSource> = {
  document: {
    prefix: 'DOCUMENT#',
    toItem: (stored, projectId, { projectKey, body }) => {
      const key = `${projectKey}-${String(stored.number)}`;
      const format = text(stored.format);
      const bodyText = body === undefined ? '' : format === 'markdown' ? markdownText(body) : body;
      return {
        type: 'document',
        id: text(stored.id),
        projectId,
        title: text(stored.title),
        // The number is searchable as `DE-12` (and `12`): the tokenizer splits at the hyphen.
        text: words(key, text(stored.documentType), text(stored.status), bodyText),
        tags: strings(stored.tags),
        updatedAt: versionTime(stored),
      };
    },
  },
  testCase: {
    prefix: 'TESTCASE#',
    toItem: (stored, projectId) => ({
      type: 'testCase',
      id: text(stored.id),
      projectId,
      title: text(stored.name),
      text: words(text(stored.caseType), text(stored.classname)),
      tags: strings(stored.tags),
      updatedAt: versionTime(stored),
    }),
  },
  testSuite: {
    prefix: 'TESTSUITE#',
    toItem: (stored, projectId) => ({
      type: 'testSuite',
      id: text(stored.id),
      projectId,
      title: text(stored.name),
      text: '',
      tags: strings(stored.tags),
      updatedAt: versionTime(stored),
    }),
  },
  pipeline: {
    prefix: 'PIPELINE#',
    toItem: (stored, projectId) => ({
      type: 'pipeline',
      id: text(stored.pipelineId),
      projectId,
      title: text(stored.name),
      text: words(
        text(stored.description),
        ...(Array.isArray(stored.stages) ? stored.stages : []).map((stage) =>
          words((stage as StoredItem).name, (stage as StoredItem).type),
        ),
      ),
      updatedAt: versionTime(stored),
    }),
  },
  environment: {
    prefix: 'ENV#',
    toItem: (stored, projectId) => ({
      type: 'environment',
      id: text(stored.environmentId),
      projectId,
      title: text(stored.name),
      text: words(text(stored.url), text(stored.currentVersion)),
      updatedAt: versionTime(stored),
    }),
  },
  deployment: {
    prefix: 'DEPLOYMENT#',
    toItem: (stored, projectId) => ({
      type: 'deployment',
      id: text(stored.id),
      projectId,
      // The environment's id, not its name: a deployment names its environment by id.
      title: text(stored.version),
      text: words(text(stored.status), text(stored.ref), text(stored.environmentId)),
      updatedAt: versionTime(stored),
    }),
  },
  analysis: {
    prefix: 'ANALYSIS#',
    toItem: (stored, projectId) => ({
      type: 'analysis',
      id: text(stored.id),
      projectId,
      title: words(text(stored.branch), text(stored.commit).slice(0, 12)).replace('\n', ' '),
      text: words(text(stored.status), text(stored.commit), text(stored.baseBranch)),
      updatedAt: versionTime(stored),
    }),
  },
};

/** The sort key of one resource's item in its project's partition. */
export function itemSortKey(type: SearchItemType, id: string): string {
  return `${ITEM_SOURCES[type].prefix}${id}`;
}

const API_PATHS: Record<SearchItemType, string> = {
  document: 'documents',
  testCase: 'test-cases',
  testSuite: 'test-suites',
  pipeline: 'pipelines',
  environment: 'environments',
  deployment: 'deployments',
  analysis: 'analyses',
};

/** The API path that fetches a found item. */
export function itemUrl(type: SearchItemType, projectId: string, id: string): string {
  return `/v1/projects/${projectId}/${API_PATHS[type]}/${id}`;
}
