import type * as z from 'zod/mini';
import { DeployHookPayload, StageWebhookPayload } from '#shared/schemas/deployments';

/** An outbound call Trellis makes to a user's URL: the OpenAPI 3.1 `webhooks` entry. */
export interface OutboundWebhook {
  /** The key under `webhooks`. */
  name: string;
  summary: string;
  body: z.ZodMiniType;
}

/**
 * Every outbound webhook payload, for the OpenAPI document. Each is a signed JSON POST:
 * `X-Trellis-Timestamp: <unix seconds>`, `X-Trellis-Signature: sha256=<hex HMAC-SHA256 of
 * "<timestamp>.<raw body>">` with the stage's or the deploy target's secret; any 2xx accepts it.
 */
export const OUTBOUND_WEBHOOKS: readonly OutboundWebhook[] = [
  {
    name: 'deploymentStage',
    summary: "A pipeline's webhook stage: run your step (with callbackUrl: report back when it ends)",
    body: StageWebhookPayload,
  },
  {
    name: 'deployTarget',
    summary: "An environment's deploy target: deploy (or roll back to) the version",
    body: DeployHookPayload,
  },
];
