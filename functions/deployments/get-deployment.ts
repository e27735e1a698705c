import { DEPLOYMENTS_ROUTES } from '#shared/api/routes/deployments';
import { getDeploymentForCaller } from '#shared/deployments/queries';
import { projectHandler } from '#shared/http/project-handler';

export const handler = projectHandler(DEPLOYMENTS_ROUTES.GetDeployment, async ({ project, params }) => ({
  body: await getDeploymentForCaller(project, params.deploymentId),
}));
