import type { RouteDefinition } from '#shared/api/route-definition';

/** The routes of this part of the documents-and-search service (issue 11); filled as it is built. */
export const DOCUMENT_REVIEWS_ROUTES: Record<string, RouteDefinition> = {};
