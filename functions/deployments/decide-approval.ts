import { DEPLOYMENTS_ROUTES } from '#shared/api/routes/deployments';
import { decideApproval } from '#shared/deployments/commands';
import { toDeploymentView } from '#shared/deployments/queries';
import { httpHandler } from '#shared/http/handler';

export const handler = httpHandler(
  DEPLOYMENTS_ROUTES.DecideApproval,
  async ({ auth, params, body, correlationId }) => ({
    body: toDeploymentView(await decideApproval(params.projectId, params.deploymentId, body, { auth, correlationId })),
  }),
);
