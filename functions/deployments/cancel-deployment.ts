import { DEPLOYMENTS_ROUTES } from '#shared/api/routes/deployments';
import { cancelDeployment } from '#shared/deployments/commands';
import { toDeploymentView } from '#shared/deployments/queries';
import { httpHandler } from '#shared/http/handler';

export const handler = httpHandler(
  DEPLOYMENTS_ROUTES.CancelDeployment,
  async ({ auth, params, body, correlationId }) => ({
    body: toDeploymentView(
      await cancelDeployment(params.projectId, params.deploymentId, body?.reason, { auth, correlationId }),
    ),
  }),
);
