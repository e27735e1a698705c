import type * as z from 'zod/mini';
import { DeployHookPayload, StageWebhookPayload } from '#shared/schemas/deployments';

/** An outbound call Trellis makes to a user's URL: the OpenAPI 3.1 `webhooks` entry. */
export interface OutboundWebhook {
  /** The key under `webhooks`. */
  name: string;
  summary: string;
  description: string;
  body: z.ZodMiniType;
}

/**
 * Every outbound webhook payload, for the OpenAPI document. Each is a signed JSON POST:
 * `X-Trellis-Timestamp: <unix seconds>`, `X-Trellis-Signature: sha256=<hex HMAC-SHA256 of
 * "<timestamp>.<raw body>">` with the stage's or the deploy target's secret; any 2xx accepts it.
 */
const SIGNED =
  'Signed: `X-Trellis-Timestamp: <unix seconds>` and `X-Trellis-Signature: sha256=<hex HMAC-SHA256 of ' +
  '"<timestamp>.<raw body>">` with the secret set on it. With `callbackUrl`, POST `{status, logUrl?, message?}` ' +
  'there, signed over `"<timestamp>.<callbackId>.<raw body>"` (callbackId: the last segment of callbackUrl).';

export const OUTBOUND_WEBHOOKS: readonly OutboundWebhook[] = [
  {
    name: 'deploymentStage',
    summary: "A pipeline's webhook stage: run your step (with callbackUrl: report back when it ends)",
    description: `A JSON POST to the stage's url. ${SIGNED}`,
    body: StageWebhookPayload,
  },
  {
    name: 'deployTarget',
    summary: "An environment's deploy target: deploy (or roll back to) the version",
    description: `A JSON POST to the environment's deployTarget.url. ${SIGNED}`,
    body: DeployHookPayload,
  },
];
