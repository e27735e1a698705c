import { UpdateEnvironment } from '#shared/api/routes/environments';
import { updateEnvironment } from '#shared/environments/commands';
import { projectHandler } from '#shared/http/project-handler';

export const handler = projectHandler(UpdateEnvironment, async ({ project, params, body, headers }) => {
  const environment = await updateEnvironment(project, params.environmentId, body, headers['if-match']);
  return { body: environment, headers: { etag: `"${environment.version}"` } };
});
