import { createHash } from 'node:crypto';
import type { Caller } from '#shared/auth/context';
import { projectNotFound } from '#shared/auth/project-access';
import { invalidCursorError } from '#shared/data/cursor';
import { getProjectWithMembership, listAllProjectsOfUser } from '#shared/projects/repository';
import type { SearchQuery, SearchResults } from '#shared/schemas/documents';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, type SearchHit, type SearchItemType } from '#shared/search/index';
import { itemUrl } from '#shared/search/items';
import { type MergedPosition, projectStart } from '#shared/search/merging';
import { loadSearchIndex } from '#shared/search/storage';

// Search over the caller's projects. Each project has its own index; a search of several
// merges their pages by score (ties by project, then item), with a cursor over that order.

/**
 * The projects a search covers: the one named, when the caller is a member (an admin may name
 * any, as on project routes; 404 otherwise, like any project route), else every project the
 * caller is a member of. An admin's search without a project covers their own projects only:
 * being an administrator is not a reason to see every team's texts in a search box.
 */
async function searchableProjects(caller: Caller, projectId: string | undefined): Promise<string[]> {
  if (projectId !== undefined) {
    const { project, membership } = await getProjectWithMembership(projectId, caller.auth.userId);
    if (!project || (!membership && !caller.auth.isAdmin)) throw projectNotFound();
    return [projectId];
  }
  const memberships = await listAllProjectsOfUser(caller.auth.userId);
  return memberships.flatMap(({ project }) => (project ? [project.projectId] : [])).sort();
}

function fingerprintOf(query: SearchQuery, types: readonly string[], projectIds: readonly string[]): string {
  return createHash('sha256')
    .update(JSON.stringify([query.q, [...types].sort(), projectIds]))
    .digest('base64url')
    .slice(0, 16);
}

function encodePosition(position: MergedPosition, fingerprint: string): string {
  return Buffer.from(JSON.stringify([position.score, position.projectId, position.key, fingerprint])).toString(
    'base64url',
  );
}

function decodePosition(cursor: string, fingerprint: string): MergedPosition {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursorError();
  }
  if (!Array.isArray(decoded) || decoded.length !== 4) throw invalidCursorError();
  const [score, projectId, key, issuedFor] = decoded as unknown[];
  if (
    typeof score !== 'number' ||
    typeof projectId !== 'string' ||
    typeof key !== 'string' ||
    issuedFor !== fingerprint
  ) {
    throw invalidCursorError();
  }
  return { score, projectId, key };
}

type MergedHit = SearchHit & { key: string; projectId: string };

/** Best first; equal scores by project, then by item: the same total order every call. */
function byMergedOrder(a: MergedHit, b: MergedHit): number {
  return (
    b.score - a.score ||
    (a.projectId < b.projectId ? -1 : a.projectId > b.projectId ? 1 : a.key < b.key ? -1 : a.key > b.key ? 1 : 0)
  );
}

/** One page of what the caller may find for the query, with facets and the next page's cursor. */
export async function searchForCaller(caller: Caller, query: SearchQuery): Promise<SearchResults> {
  const projectIds = await searchableProjects(caller, query.projectId);
  const types = (query.types?.split(',') ?? []) as SearchItemType[];
  const fingerprint = fingerprintOf(query, types, projectIds);
  const after = query.cursor === undefined ? undefined : decodePosition(query.cursor, fingerprint);
  const limit = Math.min(Math.max(1, query.limit ?? DEFAULT_PAGE_SIZE), MAX_PAGE_SIZE);

  const pages = await Promise.all(
    projectIds.map(async (projectId) => {
      const loaded = await loadSearchIndex(projectId);
      if (!loaded) return undefined;
      const page = loaded.index.searchAfter({ q: query.q, types, limit }, projectStart(projectId, after));
      return { projectId, ...page };
    }),
  );
  const facets = {
    document: 0,
    testCase: 0,
    testSuite: 0,
    pipeline: 0,
    environment: 0,
    deployment: 0,
    analysis: 0,
  } satisfies Record<SearchItemType, number>;
  let total = 0;
  let more = false;
  const hits: MergedHit[] = [];
  for (const page of pages) {
    if (!page) continue;
    for (const [type, count] of Object.entries(page.facets)) facets[type as SearchItemType] += count;
    total += page.total;
    more ||= page.hasMore;
    for (const item of page.items) hits.push({ ...item, projectId: page.projectId });
  }
  hits.sort(byMergedOrder);
  const served = hits.slice(0, limit);
  const last = served[served.length - 1];
  return {
    items: served.map((hit) => ({
      type: hit.type,
      id: hit.id,
      projectId: hit.projectId,
      title: hit.title,
      titleHtml: hit.titleHtml,
      snippet: hit.snippet,
      score: hit.score,
      url: itemUrl(hit.type, hit.projectId, hit.id),
    })),
    facets,
    total,
    nextCursor: last && (more || hits.length > limit) ? encodePosition(last, fingerprint) : null,
  };
}
