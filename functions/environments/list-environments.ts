import { ENVIRONMENTS_ROUTES } from '#shared/api/routes/environments';
import { listEnvironmentsForCaller } from '#shared/environments/queries';
import { httpHandler } from '#shared/http/handler';

export const handler = httpHandler(
  ENVIRONMENTS_ROUTES.ListEnvironments,
  async ({ auth, params, query, correlationId }) => ({
    body: await listEnvironmentsForCaller(params.projectId, query, { auth, correlationId }),
  }),
);
