import { CreateDeployment } from '#shared/api/routes/deployments';
import { createDeployment } from '#shared/deployments/commands';
import { acceptedResult } from '#shared/http/idempotency';
import { projectHandler } from '#shared/http/project-handler';

export const handler = projectHandler(CreateDeployment, async ({ project, params, body, idempotencyKey }) => {
  const accepted = await createDeployment(project, body, idempotencyKey);
  return acceptedResult(accepted, `/v1/projects/${params.projectId}/deployments/${accepted.id}`);
});
