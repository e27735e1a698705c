import type { ProjectRoute, SuccessStatusOf } from '#shared/api/route-definition';
import { authorizeProject, type ProjectScope } from '#shared/auth/project-access';
import { type HttpRequest, type HttpResult, routeHandler } from '#shared/http/handler';

/** What a project-scoped route's handler receives: validated input and the authorized project. */
export interface ProjectRequest<R extends ProjectRoute> extends HttpRequest<R> {
  project: ProjectScope;
}

/**
 * The handler kit for project-scoped routes: after the input is validated (a 400 comes
 * first, as it always has), it authorizes the caller for the route's declared permission
 * (404 for a non-member or missing project, 403 below the role) and hands the handler the
 * authorized project. The route table is the only place a route's permission is written.
 */
export function projectHandler<R extends ProjectRoute>(
  route: R,
  handle: (request: ProjectRequest<R>) => Promise<HttpResult<SuccessStatusOf<R>>>,
) {
  return routeHandler(route, handle, async (request) => {
    const { projectId, userId } = request.params as { projectId: string; userId?: unknown };
    const auth = request.auth as ProjectRequest<R>['auth'] & {};
    const permission = route.permissionOnSelf && userId === auth.userId ? route.permissionOnSelf : route.permission;
    const project = await authorizeProject(projectId, { auth, correlationId: request.correlationId }, permission);
    return { ...request, project } as ProjectRequest<R>;
  });
}
