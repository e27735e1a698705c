import { GetDeployment } from '#shared/api/routes/deployments';
import { getDeploymentForCaller } from '#shared/deployments/queries';
import { projectHandler } from '#shared/http/project-handler';

export const handler = projectHandler(GetDeployment, async ({ project, params }) => ({
  body: await getDeploymentForCaller(project, params.deploymentId),
}));
