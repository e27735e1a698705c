import { VerifyEnvironmentOwnership } from '#shared/api/routes/environment-ownership';
import { verifyEnvironmentOwnership } from '#shared/environments/ownership';
import { projectHandler } from '#shared/http/project-handler';

export const handler = projectHandler(VerifyEnvironmentOwnership, async ({ project, params }) => ({
  body: await verifyEnvironmentOwnership(project, params.environmentId),
}));
