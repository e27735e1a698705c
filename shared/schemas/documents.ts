import * as z from 'zod/mini';
import { zodMessage } from '#shared/i18n/zod';
import { Cursor, ResourceId } from '#shared/schemas/common';
import * as s from '#shared/schemas/messages';

// Design documents (issue 11). Stored shapes: shared/documents/model.ts.

/**
 * How a route names a document: its id (a ULID) or its per-project number with the project's
 * key (`DE-12`, any letter case), which resolves to the same document.
 */
export const DocumentRef = /* @__PURE__ */ z
  .string()
  .check(
    /* @__PURE__ */ z.regex(
      /^(?:[0-9a-z]{26}|[A-Za-z][A-Za-z0-9]{1,9}-[1-9][0-9]{0,8})$/,
      /* @__PURE__ */ zodMessage(s.documentRef),
    ),
    /* @__PURE__ */ z.meta({ examples: ['DE-12'] }),
  );

export const DocumentParams = /* @__PURE__ */ z.strictObject({ projectId: ResourceId, documentId: DocumentRef });

// search (issue 11)

const SEARCH_TYPE = 'document|testCase|testSuite|pipeline|environment|deployment|analysis';

/** `GET /v1/search`: the query, an optional project, a comma-separated type filter, a page. */
export const SearchQuery = /* @__PURE__ */ z.strictObject({
  q: /* @__PURE__ */ z
    .string()
    .check(
      /* @__PURE__ */ z.minLength(1),
      /* @__PURE__ */ z.maxLength(200),
      /* @__PURE__ */ z.regex(/[\p{L}\p{N}]/u, /* @__PURE__ */ zodMessage(s.searchQuery)),
    ),
  projectId: /* @__PURE__ */ z.optional(ResourceId),
  types: /* @__PURE__ */ z.optional(
    /* @__PURE__ */ z
      .string()
      .check(
        /* @__PURE__ */ z.regex(
          new RegExp(`^(?:${SEARCH_TYPE})(?:,(?:${SEARCH_TYPE}))*$`),
          /* @__PURE__ */ zodMessage(s.searchTypes),
        ),
        /* @__PURE__ */ z.meta({ examples: ['document,testCase'] }),
      ),
  ),
  limit: /* @__PURE__ */ z._default(
    /* @__PURE__ */ z.coerce
      .number()
      .check(/* @__PURE__ */ z.int(), /* @__PURE__ */ z.minimum(1), /* @__PURE__ */ z.maximum(100)),
    20,
  ),
  cursor: /* @__PURE__ */ z.optional(Cursor),
});
export type SearchQuery = z.infer<typeof SearchQuery>;

const SearchItemTypeSchema = /* @__PURE__ */ z.enum([
  'document',
  'testCase',
  'testSuite',
  'pipeline',
  'environment',
  'deployment',
  'analysis',
]);

/** One found item: `snippet` and `titleHtml` are HTML (escaped text, matches in <mark>). */
export const SearchHit = /* @__PURE__ */ z
  .object({
    type: SearchItemTypeSchema,
    id: /* @__PURE__ */ z.string(),
    projectId: /* @__PURE__ */ z.string(),
    title: /* @__PURE__ */ z.string(),
    titleHtml: /* @__PURE__ */ z.string(),
    snippet: /* @__PURE__ */ z.string(),
    score: /* @__PURE__ */ z.number(),
    url: /* @__PURE__ */ z.string(),
  })
  .check(/* @__PURE__ */ z.meta({ id: 'SearchHit' }));

/** A page of hits, the matches per type (before the type filter), the total after it. */
export const SearchResults = /* @__PURE__ */ z.object({
  items: /* @__PURE__ */ z.array(SearchHit),
  facets: /* @__PURE__ */ z.object({
    document: /* @__PURE__ */ z.int(),
    testCase: /* @__PURE__ */ z.int(),
    testSuite: /* @__PURE__ */ z.int(),
    pipeline: /* @__PURE__ */ z.int(),
    environment: /* @__PURE__ */ z.int(),
    deployment: /* @__PURE__ */ z.int(),
    analysis: /* @__PURE__ */ z.int(),
  }),
  total: /* @__PURE__ */ z.int(),
  nextCursor: /* @__PURE__ */ z.nullable(/* @__PURE__ */ z.string()),
});
export type SearchResults = z.infer<typeof SearchResults>;

/** `POST …/search/reindex` answers 202 with the queued rebuild. */
export const ReindexAccepted = /* @__PURE__ */ z.object({
  projectId: /* @__PURE__ */ z.string(),
  requestId: /* @__PURE__ */ z.string(),
  status: /* @__PURE__ */ z.literal('queued'),
});
