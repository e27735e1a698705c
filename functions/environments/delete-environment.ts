import { ENVIRONMENTS_ROUTES } from '#shared/api/routes/environments';
import { deleteEnvironment } from '#shared/environments/deletion';
import { httpHandler } from '#shared/http/handler';

export const handler = httpHandler(ENVIRONMENTS_ROUTES.DeleteEnvironment, async ({ auth, params, correlationId }) => {
  await deleteEnvironment(params.projectId, params.environmentId, { auth, correlationId });
  return {};
});
