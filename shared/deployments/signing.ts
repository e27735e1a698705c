import { createHmac, timingSafeEqual } from 'node:crypto';
import * as m from '#shared/deployments/messages';
import type { LocalizedText } from '#shared/i18n/catalogue';

export const TIMESTAMP_HEADER = 'x-trellis-timestamp';
export const SIGNATURE_HEADER = 'x-trellis-signature';
/** Callbacks older (or further in the future) than this are refused as replays. */
export const MAX_SIGNATURE_AGE_SECONDS = 300;

/**
 * Signs an outbound body the way receivers verify it (GitHub/Stripe style):
 * `X-Trellis-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<raw body>">`. A callback
 * is signed over `"<timestamp>.<callbackId>.<raw body>"` instead (`callbackId` given), so a
 * signature captured on one callback is worthless on any other.
 */
export function signatureHeaders(
  body: string,
  secret: string,
  now = Date.now(),
  callbackId?: string,
): Record<string, string> {
  const timestamp = String(Math.floor(now / 1000));
  return {
    [TIMESTAMP_HEADER]: timestamp,
    [SIGNATURE_HEADER]: `sha256=${hmac(secret, signedContent(timestamp, body, callbackId))}`,
  };
}

/**
 * Why a signed request is refused, or null when it is authentic and fresh. A callback is
 * verified with its `callbackId` (the signature must be bound to it).
 */
export function signatureProblem(
  body: string,
  headers: Readonly<Record<string, string | undefined>>,
  secret: string,
  now = Date.now(),
  callbackId?: string,
): LocalizedText | null {
  const timestamp = headers[TIMESTAMP_HEADER];
  const signature = headers[SIGNATURE_HEADER];
  if (!timestamp || !signature) return m.signatureMissing();
  if (!/^\d{1,12}$/.test(timestamp)) return m.signatureTimestampFormat();
  if (Math.abs(Math.floor(now / 1000) - Number(timestamp)) > MAX_SIGNATURE_AGE_SECONDS) {
    return m.signatureTimestampAge({ maxSeconds: MAX_SIGNATURE_AGE_SECONDS });
  }
  const match = /^sha256=([0-9a-f]{64})$/.exec(signature);
  if (!match) return m.signatureFormat();
  const expected = Buffer.from(hmac(secret, signedContent(timestamp, body, callbackId)), 'hex');
  const given = Buffer.from(match[1]!, 'hex');
  return timingSafeEqual(expected, given) ? null : m.signatureMismatch();
}

function signedContent(timestamp: string, body: string, callbackId: string | undefined): string {
  return callbackId === undefined ? `${timestamp}.${body}` : `${timestamp}.${callbackId}.${body}`;
}

function hmac(secret: string, content: string): string {
  return createHmac('sha256', secret).update(content).digest('hex');
}
