import { ListEnvironmentDeployments } from '#shared/api/routes/deployments';
import { listDeploymentsForCaller } from '#shared/deployments/queries';
import { projectHandler } from '#shared/http/project-handler';

export const handler = projectHandler(ListEnvironmentDeployments, async ({ project, params, query }) => ({
  body: await listDeploymentsForCaller(project, { ...query, environmentId: params.environmentId }),
}));
