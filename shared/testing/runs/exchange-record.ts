import { type ExchangedRequest, type ExchangedResponse, MAX_EXCHANGE_BODY_BYTES } from '#shared/schemas/test-results';
import type { ObservedResponse } from '#shared/testing/assertions/assertions';
import type { RenderedRequest } from '#shared/testing/assertions/templates';

// What a failed result shows of the exchange that failed it, so a user can see why without
// re-running the case: the resolved request and the response, secrets masked, bodies cut.

/** Names (headers, query parameters, JSON fields) whose values are never shown. */
const SECRET_NAME = /authorization|cookie|token|secret|passw(or)?d|api[-_]?key|signature|session|credential/i;
export const MASKED = '[masked]';

/** The request as sent, with secret headers, query values and JSON body fields masked. */
export function recordedRequest(request: RenderedRequest): ExchangedRequest {
  const body = request.body === undefined ? undefined : cutBody(Buffer.from(maskJsonBody(request.body)));
  return {
    method: request.method,
    url: maskUrl(request.url),
    headers: maskHeaders(request.headers),
    ...(body === undefined ? {} : { body: body.text, ...(body.truncated ? { bodyTruncated: true } : {}) }),
  };
}

/** The response as received: status, headers with secrets masked, body up to MAX_EXCHANGE_BODY_BYTES. */
export function recordedResponse(response: ObservedResponse): ExchangedResponse {
  const body = cutBody(response.body);
  return {
    status: response.status,
    headers: maskHeaders(response.headers),
    body: body.text,
    truncated: body.truncated,
  };
}

function maskHeaders(headers: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers).map(([name, value]) => [name, SECRET_NAME.test(name) ? MASKED : value]),
  );
}

function maskUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url;
  }
  if (parsed.password !== '') parsed.password = MASKED;
  for (const name of [...new Set(parsed.searchParams.keys())]) {
    if (SECRET_NAME.test(name)) parsed.searchParams.set(name, MASKED);
  }
  return parsed.toString();
}

function maskJsonBody(body: string): string {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return body;
  }
  if (value === null || typeof value !== 'object') return body;
  let masked = false;
  const text = JSON.stringify(value, (key, field) => {
    if (key === '' || !SECRET_NAME.test(key)) return field;
    masked = true;
    return MASKED;
  });
  // Unchanged bodies are shown exactly as sent.
  return masked ? text : body;
}

function cutBody(bytes: Buffer): { text: string; truncated: boolean } {
  if (bytes.length <= MAX_EXCHANGE_BODY_BYTES) return { text: bytes.toString('utf8'), truncated: false };
  // A character the cut splits decodes as U+FFFD at the end: drop it.
  return {
    text: bytes
      .subarray(0, MAX_EXCHANGE_BODY_BYTES)
      .toString('utf8')
      .replace(/\uFFFD$/, ''),
    truncated: true,
  };
}
