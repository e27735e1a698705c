import { ListDeployments } from '#shared/api/routes/deployments';
import { listDeploymentsForCaller } from '#shared/deployments/queries';
import { projectHandler } from '#shared/http/project-handler';

export const handler = projectHandler(ListDeployments, async ({ project, query }) => ({
  body: await listDeploymentsForCaller(project, query),
}));
