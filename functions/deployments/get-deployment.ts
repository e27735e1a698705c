import { DEPLOYMENTS_ROUTES } from '#shared/api/routes/deployments';
import { getDeploymentForCaller } from '#shared/deployments/queries';
import { httpHandler } from '#shared/http/handler';

export const handler = httpHandler(DEPLOYMENTS_ROUTES.GetDeployment, async ({ auth, params, correlationId }) => ({
  body: await getDeploymentForCaller(params.projectId, params.deploymentId, { auth, correlationId }),
}));
