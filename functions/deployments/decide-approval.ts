import { DecideApproval } from '#shared/api/routes/deployments';
import { decideApproval } from '#shared/deployments/commands';
import { toDeploymentView } from '#shared/deployments/queries';
import { projectHandler } from '#shared/http/project-handler';

export const handler = projectHandler(DecideApproval, async ({ project, params, body }) => ({
  body: toDeploymentView(await decideApproval(project, params.deploymentId, body)),
}));
