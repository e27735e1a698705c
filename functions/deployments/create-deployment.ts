import { DEPLOYMENTS_ROUTES } from '#shared/api/routes/deployments';
import { createDeployment } from '#shared/deployments/commands';
import { httpHandler } from '#shared/http/handler';
import { acceptedResult, idempotencyKeyOf } from '#shared/http/idempotency';

export const handler = httpHandler(
  DEPLOYMENTS_ROUTES.CreateDeployment,
  async ({ auth, params, body, headers, correlationId }) => {
    const accepted = await createDeployment(params.projectId, body, idempotencyKeyOf(headers), { auth, correlationId });
    return acceptedResult(accepted, `/v1/projects/${params.projectId}/deployments/${accepted.id}`);
  },
);
