import { CreateEnvironment } from '#shared/api/routes/environments';
import { createEnvironment } from '#shared/environments/commands';
import { projectHandler } from '#shared/http/project-handler';

export const handler = projectHandler(CreateEnvironment, async ({ project, params, body }) => {
  const environment = await createEnvironment(project, body);
  return {
    body: environment,
    headers: {
      location: `/v1/projects/${params.projectId}/environments/${environment.id}`,
      etag: `"${environment.version}"`,
    },
  };
});
