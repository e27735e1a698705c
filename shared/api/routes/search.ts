import { defineRoute, type RouteDefinition } from '#shared/api/route-definition';
import { SearchQuery } from '#shared/schemas/documents';
import { ProjectParams } from '#shared/schemas/projects';

/** `GET /v1/search`: across the caller's projects, or one of them; never another project's items. */
export const Search = /* @__PURE__ */ defineRoute({
  id: 'Search',
  method: 'GET',
  path: '/v1/search',
  handler: 'functions/search/search.ts',
  auth: 'user',
  summary:
    "Searches the caller's projects (documents, test cases and suites, pipelines, environments, deployments, analyses)",
  description:
    'BM25 ranking with prefix and typo tolerance, Chinese and English in one index. Only projects the caller is a member of are searched; a `projectId` the caller does not belong to answers 404. `facets` count matches per type before the `types` filter.',
  access: { table: 'read', artifacts: 'read' },
  request: { query: SearchQuery },
  response: { status: 200 },
});

/** `POST …/search/reindex`: queues a rebuild of the project's index from the table. */
export const ReindexProject = /* @__PURE__ */ defineRoute({
  id: 'ReindexProject',
  method: 'POST',
  path: '/v1/projects/{projectId}/search/reindex',
  handler: 'functions/search/reindex-project.ts',
  auth: 'user',
  permission: { resource: 'search', action: 'reindex' },
  summary: "Rebuilds the project's search index from its stored resources (queued behind pending changes)",
  access: { table: 'read', searchIndexQueue: 'send' },
  request: { params: ProjectParams },
  response: { status: 202 },
});

/** The routes of this part of the documents-and-search service (issue 11). */
export const SEARCH_ROUTES: Record<string, RouteDefinition> = { Search, ReindexProject };
