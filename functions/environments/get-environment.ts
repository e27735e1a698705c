import { GetEnvironment } from '#shared/api/routes/environments';
import { getEnvironmentForCaller } from '#shared/environments/queries';
import { projectHandler } from '#shared/http/project-handler';

export const handler = projectHandler(GetEnvironment, async ({ project, params }) => {
  const environment = await getEnvironmentForCaller(project, params.environmentId);
  return { body: environment, headers: { etag: `"${environment.version}"` } };
});
