import type { SearchPosition } from '#shared/search/index';

// Searching several projects: each has its own index, and their pages are merged in one total
// order (score descending, then project id, then item key), paged by the last position served.

/** A hit's place in the order over several projects. */
export interface MergedPosition extends SearchPosition {
  readonly projectId: string;
}

/**
 * Where a project's page starts, given the last position served over all projects: a project
 * ordered before it continues below that score, one ordered after it at that score, the
 * project itself after that item.
 */
export function projectStart(projectId: string, after: MergedPosition | undefined): SearchPosition | undefined {
  if (!after) return undefined;
  if (projectId === after.projectId) return { score: after.score, key: after.key };
  // Keys are `<type>:<id>`: '' sorts before each of them, '\uffff' after.
  return { score: after.score, key: projectId < after.projectId ? '\uffff' : '' };
}
