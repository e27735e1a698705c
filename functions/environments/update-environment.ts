import { ENVIRONMENTS_ROUTES } from '#shared/api/routes/environments';
import { updateEnvironment } from '#shared/environments/commands';
import { httpHandler } from '#shared/http/handler';

export const handler = httpHandler(
  ENVIRONMENTS_ROUTES.UpdateEnvironment,
  async ({ auth, params, body, headers, correlationId }) => {
    const environment = await updateEnvironment(params.projectId, params.environmentId, body, headers['if-match'], {
      auth,
      correlationId,
    });
    return { body: environment, headers: { etag: `"${environment.version}"` } };
  },
);
