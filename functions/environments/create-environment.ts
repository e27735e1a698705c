import { ENVIRONMENTS_ROUTES } from '#shared/api/routes/environments';
import { createEnvironment } from '#shared/environments/commands';
import { httpHandler } from '#shared/http/handler';

export const handler = httpHandler(
  ENVIRONMENTS_ROUTES.CreateEnvironment,
  async ({ auth, params, body, correlationId }) => {
    const environment = await createEnvironment(params.projectId, body, { auth, correlationId });
    return {
      body: environment,
      headers: {
        location: `/v1/projects/${params.projectId}/environments/${environment.id}`,
        etag: `"${environment.version}"`,
      },
    };
  },
);
