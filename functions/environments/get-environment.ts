import { ENVIRONMENTS_ROUTES } from '#shared/api/routes/environments';
import { getEnvironmentForCaller } from '#shared/environments/queries';
import { httpHandler } from '#shared/http/handler';

export const handler = httpHandler(ENVIRONMENTS_ROUTES.GetEnvironment, async ({ auth, params, correlationId }) => {
  const environment = await getEnvironmentForCaller(params.projectId, params.environmentId, { auth, correlationId });
  return { body: environment, headers: { etag: `"${environment.version}"` } };
});
