import { ENVIRONMENT_OWNERSHIP_ROUTES } from '#shared/api/routes/environment-ownership';
import { verifyEnvironmentOwnership } from '#shared/environments/ownership';
import { httpHandler } from '#shared/http/handler';

export const handler = httpHandler(
  ENVIRONMENT_OWNERSHIP_ROUTES.VerifyEnvironmentOwnership,
  async ({ auth, params, correlationId }) => ({
    body: await verifyEnvironmentOwnership(params.projectId, params.environmentId, { auth, correlationId }),
  }),
);
