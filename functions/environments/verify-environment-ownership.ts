import { ENVIRONMENT_OWNERSHIP_ROUTES } from '#shared/api/routes/environment-ownership';
import { verifyEnvironmentOwnership } from '#shared/environments/ownership';
import { projectHandler } from '#shared/http/project-handler';

export const handler = projectHandler(
  ENVIRONMENT_OWNERSHIP_ROUTES.VerifyEnvironmentOwnership,
  async ({ project, params }) => ({
    body: await verifyEnvironmentOwnership(project, params.environmentId),
  }),
);
