import { ReceiveCallback } from '#shared/api/routes/deployments';
import { receiveCallback } from '#shared/deployments/commands';
import { httpHandler } from '#shared/http/handler';

export const handler = httpHandler(ReceiveCallback, async ({ params, body, rawBody, headers }) => {
  await receiveCallback(params.callbackId, body, rawBody ?? '', headers);
  return {};
});
