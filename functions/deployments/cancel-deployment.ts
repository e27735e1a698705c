import { CancelDeployment } from '#shared/api/routes/deployments';
import { cancelDeployment } from '#shared/deployments/commands';
import { toDeploymentView } from '#shared/deployments/queries';
import { projectHandler } from '#shared/http/project-handler';

export const handler = projectHandler(CancelDeployment, async ({ project, params, body }) => ({
  body: toDeploymentView(await cancelDeployment(project, params.deploymentId, body?.reason)),
}));
