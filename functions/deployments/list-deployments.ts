import { DEPLOYMENTS_ROUTES } from '#shared/api/routes/deployments';
import { listDeploymentsForCaller } from '#shared/deployments/queries';
import { httpHandler } from '#shared/http/handler';

export const handler = httpHandler(
  DEPLOYMENTS_ROUTES.ListDeployments,
  async ({ auth, params, query, correlationId }) => ({
    body: await listDeploymentsForCaller(params.projectId, query, { auth, correlationId }),
  }),
);
