import type { RouteAccess, RouteDefinition } from '#shared/api/route-definition';
import { ANALYSES_ROUTES } from '#shared/api/routes/analyses';
import { AUTH_ROUTES } from '#shared/api/routes/auth';
import { DEPLOYMENTS_ROUTES } from '#shared/api/routes/deployments';
import { DOCUMENT_DESIGNS_ROUTES } from '#shared/api/routes/document-designs';
import { DOCUMENT_LINKS_ROUTES } from '#shared/api/routes/document-links';
import { DOCUMENT_REVIEWS_ROUTES } from '#shared/api/routes/document-reviews';
import { DOCUMENT_TEMPLATES_ROUTES } from '#shared/api/routes/document-templates';
import { DOCUMENTS_ROUTES } from '#shared/api/routes/documents';
import { ENVIRONMENT_OWNERSHIP_ROUTES } from '#shared/api/routes/environment-ownership';
import { ENVIRONMENTS_ROUTES } from '#shared/api/routes/environments';
import { PIPELINES_ROUTES } from '#shared/api/routes/pipelines';
import { PLATFORM_ROUTES } from '#shared/api/routes/platform';
import { PROJECTS_ROUTES } from '#shared/api/routes/projects';
import { SEARCH_ROUTES } from '#shared/api/routes/search';
import { TEST_CASES_ROUTES } from '#shared/api/routes/test-cases';
import { TEST_RUNS_ROUTES } from '#shared/api/routes/test-runs';
import { USERS_ROUTES } from '#shared/api/routes/users';

export type { RouteAccess, RouteDefinition };

/**
 * The route table: every HTTP route of the platform, gathered from one module per service
 * (shared/api/routes/<service>.ts, which the service's handlers import for their own entry).
 * The CDK stack creates one Lambda and one API route per entry, the local gateway serves the
 * same entries, and the OpenAPI document is generated from them.
 */
export const ROUTES: readonly RouteDefinition[] = [
  ...Object.values(PLATFORM_ROUTES),
  ...Object.values(AUTH_ROUTES),
  ...Object.values(USERS_ROUTES),
  ...Object.values(PROJECTS_ROUTES),
  ...Object.values(ENVIRONMENTS_ROUTES),
  ...Object.values(ENVIRONMENT_OWNERSHIP_ROUTES),
  ...Object.values(PIPELINES_ROUTES),
  ...Object.values(DEPLOYMENTS_ROUTES),
  ...Object.values(TEST_CASES_ROUTES),
  ...Object.values(TEST_RUNS_ROUTES),
  ...Object.values(ANALYSES_ROUTES),
  ...Object.values(DOCUMENTS_ROUTES),
  ...Object.values(DOCUMENT_REVIEWS_ROUTES),
  ...Object.values(DOCUMENT_TEMPLATES_ROUTES),
  ...Object.values(DOCUMENT_LINKS_ROUTES),
  ...Object.values(DOCUMENT_DESIGNS_ROUTES),
  ...Object.values(SEARCH_ROUTES),
];
